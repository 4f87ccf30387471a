import type { ESLint } from 'eslint';

/** The `agora` ESLint plugin with its `app-walls` rule, for the repository at `root`. */
export declare function appWallsPlugin(root: string): ESLint.Plugin;
