import { describe, expect, it } from 'vitest';
import { showsMoreThanTheFirstSlide, type Opening } from './first-screen.ts';

const opening = (extra: Partial<Opening> = {}): Opening => ({
  search: '',
  hash: '',
  firstSlideId: 'title',
  narrow: false,
  ...extra,
});

describe('a first screen that shows more than the first slide', () => {
  it('is not the first slide on a wide window, however a link names it', () => {
    for (const hash of ['', '#', '#/', '#/0', '#/0/0', '#/title', '#/%74itle', '#/%E0%A4%A']) {
      expect(showsMoreThanTheFirstSlide(opening({ hash })), hash).toBe(false);
    }
  });

  it('is a deep link to another slide, by its id or its number', () => {
    for (const hash of ['#/timeline', '#/1', '#/0/1', '#/8']) {
      expect(showsMoreThanTheFirstSlide(opening({ hash })), hash).toBe(true);
    }
  });

  it('is a phone, a follower, the print view and a speaker-view preview, on the first slide too', () => {
    expect(showsMoreThanTheFirstSlide(opening({ narrow: true }))).toBe(true);
    expect(showsMoreThanTheFirstSlide(opening({ search: '?follow=abc.def' }))).toBe(true);
    expect(showsMoreThanTheFirstSlide(opening({ search: '?print-pdf' }))).toBe(true);
    expect(showsMoreThanTheFirstSlide(opening({ search: '?receiver&postMessageEvents=true' }))).toBe(true);
  });
});
