import { normalizeResumeText } from './normalize-text';

describe('normalizeResumeText', () => {
  it('when text has CRLF, tabs, NBSP, zero-width marks and blank runs, then one canonical form comes out', () => {
    expect(normalizeResumeText('  Java\u200b\t\u00a0 Go \r\nDocker\r\r\n\n\n\nK8s  ')).toBe('Java Go\nDocker\n\nK8s');
  });

  it('when the same letter is composed or decomposed, then NFC makes them equal', () => {
    expect(normalizeResumeText('Re\u0301sume\u0301')).toBe('Résumé');
  });

  it('when text is already normal, then it is unchanged', () => {
    const text = 'SKILLS\nJava, C++\n\nEXPERIENCE\nAcme';
    expect(normalizeResumeText(text)).toBe(text);
  });
});
