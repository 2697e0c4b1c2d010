import { describe, expect, it } from 'vitest';
import { choosePublishedName, type NameState } from '../../../src/publish/published_name';

describe('choosePublishedName', () => {
  const states = (taken: Record<string, NameState>) => (name: string) => taken[name] ?? 'free';

  it('keeps the name when it is free or holds the same content, without hashing', () => {
    const hash = () => {
      throw new Error('hashed for nothing');
    };
    expect(choosePublishedName('image.png', hash, states({}))).toBe('image.png');
    expect(choosePublishedName('image.png', hash, states({ 'image.png': 'same-content' }))).toBe('image.png');
  });

  it('adds a content hash when another file has the name, longer if that is taken too', () => {
    const hash = () => 'abcdef0123456789abcdef';
    expect(choosePublishedName('image.png', hash, states({ 'image.png': 'other-content' }))).toBe(
      'image-abcdef01.png',
    );
    expect(
      choosePublishedName(
        'image.png',
        hash,
        states({ 'image.png': 'other-content', 'image-abcdef01.png': 'other-content' }),
      ),
    ).toBe('image-abcdef012345.png');
    expect(choosePublishedName('noext', hash, states({ noext: 'other-content' }))).toBe('noext-abcdef01');
  });
});
