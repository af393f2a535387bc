<?php
/**
 * Plugin Name: Byline preview links
 * Description: Points WordPress's "Preview" links at Byline, with a signed token that expires after 10 minutes.
 *
 * A must-use plugin: copy this file into wp-content/mu-plugins/ (no activation needed), and set in wp-config.php:
 *     define( 'BYLINE_URL', 'https://news.example' );           // where Byline runs
 *     define( 'BYLINE_PREVIEW_SECRET', 'a long random string' ); // the same as Byline's PREVIEW_SECRET
 * Without both, WordPress's own preview links are left as they are.
 *
 * Token: "<expiry>.<hex HMAC-SHA256 of "<post id>.<expiry>" keyed with the secret>", expiry in Unix seconds.
 * Byline checks it (server/sources/wordpress/preview.ts) before it fetches the draft.
 */

if ( ! function_exists( 'byline_preview_token' ) ) {
	function byline_preview_token( $post_id, $expiry, $secret ) {
		return $expiry . '.' . hash_hmac( 'sha256', $post_id . '.' . $expiry, $secret );
	}
}

if ( ! function_exists( 'byline_preview_link' ) ) {
	function byline_preview_link( $link, $post ) {
		if ( ! defined( 'BYLINE_URL' ) || ! defined( 'BYLINE_PREVIEW_SECRET' ) || '' === (string) BYLINE_PREVIEW_SECRET ) {
			return $link;
		}
		$id    = (int) $post->ID;
		$token = byline_preview_token( $id, time() + 10 * MINUTE_IN_SECONDS, (string) BYLINE_PREVIEW_SECRET );
		return rtrim( (string) BYLINE_URL, '/' ) . '/preview/' . $id . '?token=' . rawurlencode( $token );
	}
}

// Loaded outside WordPress (by Byline's test, to compare signatures), there is nothing to hook into.
if ( function_exists( 'add_filter' ) ) {
	add_filter( 'preview_post_link', 'byline_preview_link', 10, 2 );
}
