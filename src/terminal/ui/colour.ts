// Colour marks state; a responder who set NO_COLOR (no-color.org: "prevents
// the addition of ANSI color") gets none. chalk decides from the terminal and
// FORCE_COLOR only, so NO_COLOR is read here, once, where every screen takes
// its chalk from; FORCE_COLOR, when set, still wins (as in Node itself).
import chalk from 'chalk';

const noColor = process.env.NO_COLOR;
if (noColor !== undefined && noColor !== '' && process.env.FORCE_COLOR === undefined)
  chalk.level = 0;

export { chalk };
