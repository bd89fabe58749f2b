/**
 * Reading back the DOCX files cqtt writes: the text of word/document.xml, and a conversion by
 * LibreOffice (each conversion with its own -env:UserInstallation, so parallel runs never share a
 * profile) that proves the file opens in an office suite.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

/** The text of a WordprocessingML fragment, paragraph by paragraph. */
export function textOf(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

export async function documentXml(docx: Buffer | Uint8Array): Promise<string> {
  return (await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')) ?? '';
}

export async function docxText(docx: Buffer | Uint8Array): Promise<string> {
  return textOf(await documentXml(docx));
}

export function soffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return name;
  }
  return null;
}

/**
 * Converts DOCX files to plain text with LibreOffice in one run with its own profile; returns the
 * text of each (by the name given), or null when LibreOffice is not installed.
 */
export function convertWithLibreOffice(files: Record<string, Buffer>): Record<string, string> | null {
  const office = soffice();
  if (!office) return null;
  const dir = mkdtempSync(join(tmpdir(), 'cqtt-lo-'));
  try {
    const paths = Object.entries(files).map(([name, bytes]) => {
      const path = join(dir, `${name}.docx`);
      writeFileSync(path, bytes);
      return path;
    });
    execFileSync(
      office,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'txt:Text (encoded):UTF8',
        '--outdir',
        dir,
        ...paths,
      ],
      { stdio: 'pipe', timeout: 240_000 },
    );
    return Object.fromEntries(
      Object.keys(files).map((name) => [name, readFileSync(join(dir, `${name}.txt`), 'utf8')]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ISO dates (2026-12-02) that must never appear in a document. */
export const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
