export function Divider() {
  return <hr className="story-divider" />;
}
