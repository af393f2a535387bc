import { describe, expect, it } from 'vitest';
import { createChanges } from './bus';
import { createKeyClock } from './keyClock';
import { changeKey } from './keys';

describe('the key clock (what an answer read at some version still shows)', () => {
  const story = changeKey.story('harbour-bridge');
  const other = changeKey.story('night-market');

  it('counts an answer changed only by a change to one of its keys, during or after its read', () => {
    const changes = createChanges();
    const clock = createKeyClock(changes);
    const readAt = clock.now;
    changes.publish([other, changeKey.comments('night-market')]);
    expect(clock.unchangedSince(readAt, [story, changeKey.search])).toBe(true);
    changes.publish([story]);
    expect(clock.unchangedSince(readAt, [story, changeKey.search])).toBe(false);
    // Read after that change: current again.
    expect(clock.unchangedSince(clock.now, [story, changeKey.search])).toBe(true);
    // A change relayed from another server counts the same.
    const later = clock.now;
    changes.receive([changeKey.search]);
    expect(clock.unchangedSince(later, [story, changeKey.search])).toBe(false);
  });

  it('counts an answer with no keys as changed by any change', () => {
    const changes = createChanges();
    const clock = createKeyClock(changes);
    const readAt = clock.now;
    expect(clock.unchangedSince(readAt, [])).toBe(true);
    changes.publish([other]);
    expect(clock.unchangedSince(readAt, [])).toBe(false);
  });

  it('counts everything read before `*` as changed', () => {
    const changes = createChanges();
    const clock = createKeyClock(changes);
    const readAt = clock.now;
    changes.receive([changeKey.any]);
    expect(clock.unchangedSince(readAt, [story])).toBe(false);
    expect(clock.unchangedSince(clock.now, [story])).toBe(true);
  });

  it('forgets its keys past its bound and then counts everything read before as changed, never as current', () => {
    const changes = createChanges();
    const clock = createKeyClock(changes, 50);
    const readAt = clock.now;
    for (let n = 0; n < 50; n++) changes.publish([changeKey.story(`filler-${n}`)]);
    expect(clock.unchangedSince(readAt, [story])).toBe(true);
    changes.publish([changeKey.story('filler-50')]);
    expect(clock.unchangedSince(readAt, [story])).toBe(false);
    const after = clock.now;
    changes.publish([other]);
    expect(clock.unchangedSince(after, [story])).toBe(true);
  });
});
