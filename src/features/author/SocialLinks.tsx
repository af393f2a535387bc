import type { Author, SocialLink } from '../../schema';

const specialNames: Partial<Record<SocialLink['network'], string>> = {
  linkedin: 'LinkedIn',
  github: 'GitHub',
  rss: 'RSS feed',
};
const networkName = (network: SocialLink['network']) =>
  specialNames[network] ?? network[0]!.toUpperCase() + network.slice(1);

export function SocialLinks({ author }: { author: Author }) {
  if (author.social.length === 0) return null;
  return (
    <ul className="social-links">
      {author.social.map((link) => {
        const network = networkName(link.network);
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
