import { describe, expect, it } from 'vitest';
import { ownImagePath } from '../../src/modules/articles/index.js';

describe('which kept image addresses are shown', () => {
  it('shows a path on this site', () => {
    expect(ownImagePath('/wp-content/uploads/2019/05/pic.jpg')).toBe('/wp-content/uploads/2019/05/pic.jpg');
    expect(ownImagePath('/wp-content/uploads/%D8%B3.jpg')).toBe('/wp-content/uploads/%D8%B3.jpg');
  });

  it('shows nothing from another host, however it is spelled', () => {
    for (const url of [
      '',
      'https://old.example.com/pic.jpg',
      '//evil.example/pic.jpg',
      '/\\evil.example/pic.jpg',
      '/wp-content\\..\\pic.jpg',
      'javascript:alert(1)',
      'wp-content/uploads/pic.jpg',
      '/pic.jpg\nX: y',
      '/pic .jpg',
    ]) {
      expect({ url, shown: ownImagePath(url) }).toEqual({ url, shown: undefined });
    }
  });
});
