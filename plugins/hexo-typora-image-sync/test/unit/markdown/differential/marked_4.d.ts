// marked 4 ships no types; the differential test only calls Lexer, Tokenizer, getDefaults and parse.
declare module 'marked-4';
