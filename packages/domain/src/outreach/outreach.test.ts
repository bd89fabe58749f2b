import { describe, expect, it } from 'vitest';
import { OUTREACH_KIND_LABELS, OUTREACH_KINDS, outreachCoverage, placeProblem } from './outreach.ts';

describe('outreachCoverage', () => {
  it('counts activities and audience per village and channel; share over active villages', () => {
    const c = outreachCoverage(
      ['a', 'b', 'c', 'd'],
      [
        { kind: 'conference', villageId: 'a', audience: 120 },
        { kind: 'loudspeaker', villageId: 'a', audience: null },
        { kind: 'conference', villageId: 'b', audience: 80 },
        { kind: 'zalo', villageId: null, audience: 1500 },
        // a village no longer active does not count toward coverage
        { kind: 'banner', villageId: 'old', audience: 10 },
      ],
    );
    expect(c.villages.find((v) => v.villageId === 'a')).toEqual({
      villageId: 'a',
      activities: 2,
      audience: 120,
      kinds: ['conference', 'loudspeaker'],
    });
    expect(c.coveredVillages).toBe(2);
    expect(c.activeVillages).toBe(4);
    expect(c.share).toBe(0.5);
    expect(c.activities).toBe(5);
    expect(c.audience).toBe(1710);
    expect(c.channels.find((x) => x.kind === 'conference')).toEqual({
      kind: 'conference',
      activities: 2,
      audience: 200,
    });
    expect(c.channels).toHaveLength(OUTREACH_KINDS.length);
  });

  it('has no share without villages, and zero with no activity', () => {
    expect(outreachCoverage([], []).share).toBeNull();
    expect(outreachCoverage(['a'], []).share).toBe(0);
    expect(outreachCoverage(['a'], [{ kind: 'website', villageId: 'a', audience: 0 }]).share).toBe(1);
  });
});

describe('labels', () => {
  it('labels every channel the plan names', () => {
    expect(OUTREACH_KINDS.map((k) => OUTREACH_KIND_LABELS[k])).toContain('Pano - khẩu hiệu');
    expect(OUTREACH_KINDS.map((k) => OUTREACH_KIND_LABELS[k])).toContain('Bảng tin thôn');
  });
  it('asks for a place or a village', () => {
    expect(placeProblem('', null)).toMatch(/địa điểm/);
    expect(placeProblem('  ', undefined)).not.toBeNull();
    expect(placeProblem('Hội trường UBND xã', null)).toBeNull();
    expect(placeProblem('', 'v1')).toBeNull();
  });
});
