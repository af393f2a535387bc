#!/usr/bin/env bash
# Records test/fixtures/wordpress-sample/*.json, the REST responses the WordPress unit tests read, from this
# harness: a new install (FRESH=1, so the ids are those of a first load every time) of sample-site.json, asked the
# queries each file stands for. It stops WordPress afterwards. Root only, like start.sh.
#   test/wordpress/record-fixtures.sh
# The fixtures name the site as http://127.0.0.1:8080 whatever PORT it ran on, because the tests expect that origin.
set -euo pipefail

dir=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$dir/../.." && pwd)
out=$repo/test/fixtures/wordpress-sample
recorded_origin=http://127.0.0.1:8080
embeds='author,wp:featuredmedia,wp:term'
draft_slug=draft-not-published
draft_id=12

say() { echo "record-fixtures: $*" >&2; }
die() { say "$*"; exit 1; }
[ "$(id -u)" = 0 ] || die "record-fixtures.sh must run as root (it starts the harness with start.sh)"

url=$(FRESH=1 bash "$dir/start.sh" "$dir/sample-site.json" | tail -n 1)
trap 'bash "$dir/stop.sh"' EXIT
api="$url/wp-json/wp/v2"
credentials="admin:$(cat /etc/wordpress/byline-test-app-password)"

# GET a REST path (optionally as the admin) and print its JSON.
rest() { curl -fsS ${2:+--user "$credentials"} "$api/$1"; }

# Writes stdin's JSON to wordpress-sample/NAME, indented, with the harness's origin written as the recorded one. The
# origin is swapped as a plain string, never a pattern.
save() {
  ORIGIN="$url" RECORDED="$recorded_origin" node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => {
      const json = JSON.stringify(JSON.parse(text), null, 2);
      process.stdout.write(json.split(process.env.ORIGIN).join(process.env.RECORDED) + "\n");
    });
  ' >"$out/$1"
  say "wrote $1"
}

# The queries the client makes (server/sources/wordpress/client.ts), in WordPress's default order.
rest "posts?per_page=100&_embed=$embeds" | save posts-embedded.json
rest "posts?per_page=100&orderby=id&order=asc&_fields=id,slug,date_gmt,modified_gmt,categories,tags" |
  save posts-index.json
rest 'comments?per_page=100' | save comments.json
rest 'categories?per_page=100' | save categories.json
rest 'tags?per_page=100' | save tags.json
rest 'users?per_page=100' | save users.json
featured=$(node -e '
  const posts = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  console.log(posts.map((post) => post.featured_media).filter((id) => id > 0).join(","));
' "$out/posts-embedded.json")
rest "media?per_page=100&include=$featured" | save media.json

# The draft, as the preview reads it: edit context, with the application password.
found=$(rest "posts?status=draft&slug=$draft_slug&context=edit&_fields=id" admin)
[ "$found" = "[{\"id\":$draft_id}]" ] ||
  die "the draft $draft_slug should be post $draft_id on a new install, as draft-$draft_id-edit.json says; found $found"
rest "posts/$draft_id?context=edit&_embed=$embeds" admin | save "draft-$draft_id-edit.json"

(cd "$repo" && npx prettier --log-level warn --write test/fixtures/wordpress-sample/*.json)
say "done; now run: npx vitest run --project unit server/sources/wordpress"
