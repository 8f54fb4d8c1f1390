import { render } from 'preact';
import { Panel, type PanelProps } from './components/Panel.tsx';

/**
 * Renders the chat panel into `root` (the widget's shadow root) and returns the unmount. The panel
 * gets its own container so the launcher, which the embed layer draws without Preact, is never
 * touched by Preact's diffing.
 */
export function mountPanel(root: ShadowRoot | HTMLElement, props: PanelProps): () => void {
  const container = document.createElement('div');
  container.className = 'panel-root';
  root.append(container);
  render(<Panel {...props} />, container);
  return () => {
    render(null, container);
    container.remove();
  };
}
