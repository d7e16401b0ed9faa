// Keeps a crashing view from taking the terminal down: shows the error and keeps q working.
import { Text } from 'ink';
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) return <Text color="red">This view failed: {this.state.error.message}. Switch views or press q.</Text>;
    return this.props.children;
  }
}
