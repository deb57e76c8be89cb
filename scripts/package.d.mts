// Types of scripts/package.mjs for the tests and the e2e harness.
export const root: string;
export const NATIVE_TARGETS: Record<string, { dir: string; files: string[] }>;
export const TARGETS: string[];
export const PACKAGE_LIMIT_MB: number;
export function nativeBinaries(target: string): string[];
export function hostTarget(platform?: string, arch?: string): string;
export function vsixPath(target: string, out?: string): string;
export function ignoreRules(target: string): string;
export function packageTargets(targets?: string[], out?: string): string[];
