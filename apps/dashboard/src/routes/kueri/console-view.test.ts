import { describe, expect, it } from 'vitest';
import { consoleView } from './console-view.js';

describe('consoleView', () => {
  it('reads the page and the chart columns, and defaults what is missing or malformed', () => {
    expect(consoleView(new URLSearchParams('hal=3&x=1&y=2'))).toEqual({ page: 3, x: 1, y: 2 });
    expect(consoleView(new URLSearchParams('hal=-2&x=a&y='))).toEqual({
      page: 1,
      x: null,
      y: null,
    });
    expect(consoleView(new URLSearchParams(''))).toEqual({ page: 1, x: null, y: null });
  });
});
