import { Component, type ReactNode } from 'react';

interface Props {
  /** What the region is, for the message: "the related stories". */
  what: string;
  children: ReactNode;
}

/** Keeps a failure inside one part of the page: the rest of the story stays readable. */
export class RegionBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    if (import.meta.env.DEV) console.error(`Failed to show ${this.props.what}`, error);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-error" role="alert">
        <p>Sorry, we could not show {this.props.what}.</p>
        <button type="button" className="button" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}
