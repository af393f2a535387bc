import type { Author, SocialLink } from '../../schema';

const networkNames: Record<SocialLink['network'], string> = {
  website: 'Website',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  linkedin: 'LinkedIn',
  github: 'GitHub',
  rss: 'RSS feed',
  email: 'Email',
};

export function SocialLinks({ author }: { author: Author }) {
  if (author.social.length === 0) return null;
  return (
    <ul className="social-links">
      {author.social.map((link) => {
        const network = networkNames[link.network];
        return (
          <li key={link.url}>
            <a href={link.url} rel="me noopener" aria-label={`${author.name}: ${network}`}>
              {network}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
