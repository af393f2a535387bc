<?php
// Fills the WordPress that start.sh configured from a site description (see README.md), with WordPress's own
// functions, as an administrator would: content is stored exactly as written. Loading twice gives the same site:
// users are found by login, posts by slug, and each described post's comments are made again from scratch.
// Environment: WP_HOST (host:port), SITE_JSON, ADMIN_PASSWORD, APP_PASSWORD_FILE.

error_reporting(E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING);

function stop_with(string $message): never {
  fwrite(STDERR, "wordpress: $message\n");
  exit(1);
}

// Debian's wp-config.php picks its configuration by the request's host, so a command line run must name one.
$_SERVER['HTTP_HOST'] = getenv('WP_HOST');
$_SERVER['SERVER_NAME'] = explode(':', getenv('WP_HOST'))[0];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
// wp_install mails the new administrator; there is no mail here.
function wp_new_blog_notification() {}
foreach (['upgrade', 'user', 'post', 'image'] as $admin_file) require_once ABSPATH . "wp-admin/includes/$admin_file.php";

$site = json_decode(file_get_contents(getenv('SITE_JSON')), true, 512, JSON_THROW_ON_ERROR);
if (!is_blog_installed()) {
  wp_install($site['title'] ?? 'Byline test site', 'admin', 'admin@example.invalid', true, '', getenv('ADMIN_PASSWORD'));
}
$admin = get_user_by('login', 'admin');
wp_set_current_user($admin->ID);

// The REST API's credentials: an application password named 'byline-tests', made again whenever its file is gone
// (WordPress shows a new one only once, so the file is the only copy).
$password_file = getenv('APP_PASSWORD_FILE');
if (!is_readable($password_file)) {
  foreach (WP_Application_Passwords::get_user_application_passwords($admin->ID) as $existing) {
    if ($existing['name'] === 'byline-tests') WP_Application_Passwords::delete_application_password($admin->ID, $existing['uuid']);
  }
  $created = WP_Application_Passwords::create_new_application_password($admin->ID, ['name' => 'byline-tests']);
  if (is_wp_error($created)) stop_with($created->get_error_message());
  $mask = umask(077);
  file_put_contents($password_file, $created[0]);
  umask($mask);
}

// Open, threaded comments with nothing held back by WordPress's own rules: what a description says is what shows.
$options = [
  'blogname' => $site['title'] ?? 'Byline test site',
  'blogdescription' => $site['description'] ?? '',
  'blog_public' => 1,
  'default_comment_status' => 'open',
  'default_ping_status' => 'closed',
  'default_pingback_flag' => 0,
  'comment_registration' => 0,
  'comment_moderation' => 0,
  'comment_previously_approved' => 0,
  'close_comments_for_old_posts' => 0,
  'require_name_email' => 1,
  'thread_comments' => 1,
  'thread_comments_depth' => 5,
  'page_comments' => 0,
  'show_avatars' => 0,
  'template' => WP_DEFAULT_THEME,
  'stylesheet' => WP_DEFAULT_THEME,
];
foreach ($options as $name => $value) update_option($name, $value);
$wp_rewrite->set_permalink_structure($site['permalinks'] ?? '/%postname%/');
flush_rewrite_rules(false);
// The content a fresh install ships with is not part of any description.
foreach ([['hello-world', 'post'], ['sample-page', 'page'], ['privacy-policy', 'page']] as [$slug, $type]) {
  $shipped = get_page_by_path($slug, OBJECT, $type);
  if ($shipped) wp_delete_post($shipped->ID, true);
}

$author_ids = [];
foreach ($site['authors'] ?? [] as $author) {
  $login = sanitize_user($author['login'], true);
  [$first, $last] = array_pad(explode(' ', $author['name'], 2), 2, '');
  $fields = [
    'user_login' => $login,
    'user_nicename' => $login,
    'user_email' => "$login@example.invalid",
    'user_url' => $author['url'] ?? '',
    'display_name' => $author['name'],
    'nickname' => $author['name'],
    'first_name' => $first,
    'last_name' => $last,
    'description' => $author['bio'] ?? '',
    'role' => 'author',
  ];
  $known = get_user_by('login', $login);
  if ($known) {
    $fields['ID'] = $known->ID;
    $user_id = wp_update_user($fields);
  } else {
    $fields['user_pass'] = wp_generate_password(32);
    $user_id = wp_insert_user($fields);
  }
  if (is_wp_error($user_id)) stop_with("author $login: " . $user_id->get_error_message());
  $author_ids[$author['login']] = $user_id;
}

function category_ids(array $names): array {
  return array_map(function (string $name) {
    $term = term_exists($name, 'category') ?: wp_insert_term($name, 'category');
    if (is_wp_error($term)) stop_with("category $name: " . $term->get_error_message());
    return (int) (is_array($term) ? $term['term_id'] : $term);
  }, $names);
}

function gmt(string $iso): string {
  return gmdate('Y-m-d H:i:s', strtotime($iso));
}

// The featured image is drawn here (a flat colour with a pale band across it), so a description needs no files;
// WordPress then cuts its usual sizes from it.
// Like an upload from the editor of an older post, the file goes in the folder of the post's month (year/month).
// A description may give a photo of its own instead ("file": a path, absolute or beside the description), uploaded
// as it is.
function featured_image(int $post_id, string $slug, array $image, string $month): int {
  if (isset($image['file'])) {
    $path = str_starts_with($image['file'], '/') ? $image['file'] : dirname(getenv('SITE_JSON')) . '/' . $image['file'];
    $bytes = file_get_contents($path);
    if ($bytes === false) stop_with("image for $slug: cannot read {$image['file']}");
    $name = $slug . '.' . pathinfo($path, PATHINFO_EXTENSION);
    $mime = wp_check_filetype($name)['type'];
  } else {
    $width = $image['width'] ?? 1200;
    $height = $image['height'] ?? 675;
    $canvas = imagecreatetruecolor($width, $height);
    sscanf($image['color'] ?? '#40607a', '#%02x%02x%02x', $red, $green, $blue);
    imagefill($canvas, 0, 0, imagecolorallocate($canvas, $red, $green, $blue));
    imagefilledrectangle($canvas, 0, (int) ($height * 0.62), $width, (int) ($height * 0.7), imagecolorallocate($canvas, 236, 228, 210));
    ob_start();
    imagepng($canvas);
    $bytes = ob_get_clean();
    $name = "$slug.png";
    $mime = 'image/png';
  }
  $upload = wp_upload_bits($name, null, $bytes, $month);
  if ($upload['error']) stop_with("image for $slug: {$upload['error']}");
  $attachment = wp_insert_attachment([
    'post_mime_type' => $mime,
    'post_title' => $image['title'] ?? $slug,
    'post_excerpt' => $image['caption'] ?? '',
    'post_status' => 'inherit',
  ], $upload['file'], $post_id, true);
  if (is_wp_error($attachment)) stop_with("image for $slug: " . $attachment->get_error_message());
  wp_update_attachment_metadata($attachment, wp_generate_attachment_metadata($attachment, $upload['file']));
  update_post_meta($attachment, '_wp_attachment_image_alt', $image['alt'] ?? '');
  return $attachment;
}

// The formats WordPress cuts its sizes in ("imageSizesAs": {"image/jpeg": "image/webp"}, as a site that turned on
// WebP does), applied to the uploads this load makes.
if (!empty($site['imageSizesAs'])) {
  add_filter('image_editor_output_format', fn($formats) => array_merge($formats, $site['imageSizesAs']));
}

foreach ($site['posts'] as $post) {
  $slug = $post['slug'];
  if (!isset($author_ids[$post['author']])) stop_with("post $slug: unknown author {$post['author']}");
  $published = gmt($post['date']);
  $fields = [
    'post_type' => 'post',
    'post_status' => $post['status'] ?? 'publish',
    'post_name' => $slug,
    'post_title' => $post['title'],
    'post_content' => $post['content'],
    'post_excerpt' => $post['excerpt'] ?? '',
    'post_author' => $author_ids[$post['author']],
    'post_date_gmt' => $published,
    'post_date' => get_date_from_gmt($published),
    'post_category' => category_ids($post['categories'] ?? []),
    'tags_input' => $post['tags'] ?? [],
    'comment_status' => 'open',
    'ping_status' => 'closed',
  ];
  $existing = get_page_by_path($slug, OBJECT, 'post');
  if ($existing) $fields['ID'] = $existing->ID;
  $post_id = $existing ? wp_update_post(wp_slash($fields), true) : wp_insert_post(wp_slash($fields), true);
  if (is_wp_error($post_id)) stop_with("post $slug: " . $post_id->get_error_message());
  if (!empty($post['featuredImage']) && !has_post_thumbnail($post_id)) {
    set_post_thumbnail($post_id, featured_image($post_id, $slug, $post['featuredImage'], gmdate('Y/m', strtotime($post['date']))));
  }
  // WordPress stamps the modification time with now; a description may give its own.
  if (isset($post['modified'])) {
    $modified = gmt($post['modified']);
    $wpdb->update($wpdb->posts, ['post_modified_gmt' => $modified, 'post_modified' => get_date_from_gmt($modified)], ['ID' => $post_id]);
  }

  foreach (get_comments(['post_id' => $post_id, 'status' => 'all', 'fields' => 'ids']) as $old) wp_delete_comment($old, true);
  $comment_ids = [];
  foreach ($post['comments'] ?? [] as $comment) {
    $written = gmt($comment['date']);
    $comment_id = wp_insert_comment(wp_slash([
      'comment_post_ID' => $post_id,
      'comment_parent' => isset($comment['parent']) ? ($comment_ids[$comment['parent']] ?? 0) : 0,
      'comment_author' => $comment['author'],
      'comment_author_email' => $comment['email'],
      'comment_author_url' => $comment['url'] ?? '',
      'comment_author_IP' => '192.0.2.10',
      'comment_agent' => 'byline-test-wordpress',
      'comment_content' => $comment['content'],
      'comment_type' => 'comment',
      'comment_approved' => ($comment['approved'] ?? true) ? 1 : 0,
      'comment_date_gmt' => $written,
      'comment_date' => get_date_from_gmt($written),
      'user_id' => 0,
    ]));
    if (!$comment_id) stop_with("comment {$comment['id']} on $slug was not stored");
    $comment_ids[$comment['id']] = $comment_id;
  }
  wp_update_comment_count_now($post_id);
  clean_post_cache($post_id);
  echo get_permalink($post_id), "\n";
}
