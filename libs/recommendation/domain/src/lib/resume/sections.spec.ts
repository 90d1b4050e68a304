import { headingSection, resumeLines } from './sections';

describe('resume sections', () => {
  it.each([
    ['WORK EXPERIENCE', 'experience'],
    ['Professional Experience:', 'experience'],
    ['TECHNICAL SKILLS', 'skills'],
    ['Skill Set', 'skills'],
    ['Academic Projects', 'projects'],
    ['EDUCATION', 'education'],
    ['CERTIFICATIONS/LICENSES', 'certifications'],
    ['Hobbies & Interests', 'interests'],
    ['Career Objective', 'summary'],
    ['ADDITIONAL INFORMATION', 'other'],
  ])('when a line reads "%s", then it opens the %s section', (line, section) => {
    expect(headingSection(line)).toBe(section);
  });

  it.each(['Experience in Java and Spring', 'Skills: Java, Go', 'Responsibilities:', 'Built a skills matrix for the team'])('when a line reads "%s", then it is not a heading', (line) => {
    expect(headingSection(line)).toBeUndefined();
  });

  it('when text precedes the first heading, then it is the summary; a "Languages:" line is a labelled list', () => {
    const lines = resumeLines('Jane\nLanguages: Go\nEXPERIENCE\nAcme');
    expect(lines.map((line) => [line.section, line.heading, line.labelledList])).toEqual([
      ['summary', false, false],
      ['summary', false, true],
      ['experience', true, false],
      ['experience', false, false],
    ]);
  });
});
