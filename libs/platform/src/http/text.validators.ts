import { Matches } from 'class-validator';

// PostgreSQL text cannot hold NUL, and control characters in a one-line field are never meant
/* eslint-disable no-control-regex */
const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/* eslint-enable no-control-regex */

/** One line of text: no control characters at all. */
export const SingleLineText = (field: string): PropertyDecorator =>
  Matches(SINGLE_LINE, { message: `${field} must not contain control characters` });

/** Text that may span lines: tabs and line breaks allowed, other control characters (NUL above all) not. */
export const MultiLineText = (field: string): PropertyDecorator =>
  Matches(MULTI_LINE, {
    message: `${field} must not contain control characters other than tabs and line breaks`,
  });
