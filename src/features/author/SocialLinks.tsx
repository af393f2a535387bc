import type { Author, SocialNetwork } from '../../schema';

const specialNames: Partial<Record<SocialNetwork, string>> = {
  linkedin: 'LinkedIn',
  github: 'GitHub',
  rss: 'RSS feed',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};
const networkName = (network: SocialNetwork) => specialNames[network] ?? network[0]!.toUpperCase() + network.slice(1);

export function SocialLinks({ author }: { author: Author }) {
  if (author.social.length === 0) return null;
  return (
    <ul className="social-links">
      {author.social.map((link) => {
        const network = networkName(link.network);
        const handle = link.handle;
        return (
          <li key={link.url}>
            <a
              href={link.url}
              rel="me noopener"
              aria-label={handle ? `${author.name} on ${network}: ${handle}` : `${author.name}: ${network}`}
            >
              {network}
              {handle && ` ${handle}`}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
