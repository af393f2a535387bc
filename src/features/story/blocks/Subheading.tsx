export function Subheading({ text }: { text: string }) {
  return <h2 className="story-subheading">{text}</h2>;
}
