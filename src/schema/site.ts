import * as z from 'zod/mini';
import { ImageFields } from './blocks';
import { SocialLink } from './content';
import { NonEmptyText, SafeUrl } from './primitives';
import { Navigation } from './page';

/** A BCP 47 language tag as <html lang> takes it: "en", "en-GB", "pt-BR", "zh-Hant-TW", "de-CH-1996". */
export const LanguageTag = z.string().check(
  z.regex(
    /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-(?:[a-zA-Z\d]{5,8}|\d[a-zA-Z\d]{3}))*$/,
    'Use a BCP 47 language tag, e.g. en, en-GB or pt-BR',
  ),
);

/** An origin images may come from: scheme, host and port only, e.g. https://images.example. */
export const ImageOrigin = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'Use an origin: scheme and host only, e.g. https://images.example'),
);

/** A picture in the content folder, by its path there: "brand/icon.png". Never outside it, never absolute. */
export const ContentImageFile = z.string().check(
  z.regex(
    /^(?!.*(?:^|\/)\.)[\w-][\w.-]*(?:\/[\w-][\w.-]*)*\.(?:png|jpe?g|webp|avif|gif|svg)$/i,
    'Use the path of a PNG, JPEG, WebP, AVIF, GIF or SVG file inside the content folder, e.g. brand/icon.png',
  ),
);

const Colour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour as #rrggbb'));

/** The site's identity: content/site.json. Everything a reader sees of the site's name comes from here. */
export const SiteFile = z.strictObject({
  $schema: z.optional(z.string()),
  name: NonEmptyText(80),
  /** For the front page's description, the feeds and the manifest. */
  description: NonEmptyText(300),
  /** Sets <html lang>, the feeds' language and the news sitemap's. */
  language: LanguageTag,
  /** A short name for home screens (the manifest); the name when absent. */
  shortName: z.optional(NonEmptyText(30)),
  /** Shown beside the name in the header and used as the publisher's logo. */
  logo: z.optional(
    z.strictObject({
      src: SafeUrl,
      alt: z.string().check(z.maxLength(200)),
      /** The logo is a wordmark that already shows the name: the header shows it alone, the name as its alt text. */
      includesName: z.optional(z.boolean()),
    }),
  ),
  /** A line at the foot of every page. */
  footer: z.optional(NonEmptyText(400)),
  /** The site's own accounts; an X account's handle becomes twitter:site. */
  social: z._default(z.array(SocialLink).check(z.maxLength(12)), []),
  /** Origins beyond the content's own that the CSP lets images come from (a CDN that comments or ads use). */
  imageOrigins: z._default(z.array(ImageOrigin).check(z.maxLength(20)), []),
  /** The browser's theme colour and the icons' background. */
  themeColor: z._default(Colour, '#1d3b4f'),
  /** The manifest's splash background, and the icons' mark. */
  backgroundColor: z._default(Colour, '#f4efe6'),
  /**
   * Links, buttons and focus rings: one colour for the light theme (the dark theme's is derived from it), or one
   * per theme. Checked at start against WCAG AA on each theme's backgrounds (server/branding/accent.ts).
   */
  accentColor: z.optional(z.union([Colour, z.strictObject({ light: Colour, dark: Colour })])),
  /** The picture the site's icons are made from: a file in the content folder; absent, the icon is drawn. */
  icon: z.optional(ContentImageFile),
  /** What a shared link shows when its page has no image of its own; absent, the site's icon. */
  socialImage: z.optional(z.strictObject(ImageFields)),
  /** The header's sections and the footer's pages (src/schema/page.ts); absent, every section and no pages. */
  navigation: z.optional(Navigation),
});
export type SiteFile = z.input<typeof SiteFile>;

/** The site as the server hands it to the app: the file's fields, and the X account's handle for twitter:site. */
export const Site = z.extend(z.omit(SiteFile, { $schema: true }), { twitterSite: z.optional(z.string()) });
export type Site = z.infer<typeof Site>;
