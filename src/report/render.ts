// Text / JSON / Markdown / timeline / inventory renderings (each in its own module under format/).
export type { RenderOptions } from './format/options.ts';
export { renderText } from './format/render-text.ts';
export { renderJson } from './format/render-json.ts';
export { renderMarkdown } from './format/render-markdown.ts';
export { renderTimeline } from './format/render-timeline.ts';
export { renderInventory } from './format/render-inventory.ts';
