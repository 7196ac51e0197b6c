// The part of madge 8's API the layer test uses (madge ships no types; @types/madge describes madge 5).
declare module 'madge' {
  interface MadgeConfig {
    readonly fileExtensions?: readonly string[];
    readonly tsConfig?: string;
    readonly detectiveOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  }
  interface MadgeInstance {
    /** Each file (relative to the base folder) with the files it imports. */
    obj(): Record<string, string[]>;
  }
  export default function madge(path: string, config?: MadgeConfig): Promise<MadgeInstance>;
}
