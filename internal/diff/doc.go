// Package diff compares two revisions of an article word by word, so the
// newsroom can see what an editor changed before it is published.
//
// [Blocks] turns an article's HTML into plain text, one paragraph, heading,
// list item, caption or table cell per line, with pictures written out so
// that a swapped photo shows up too. [Words] diffs two such texts and
// [HTML] renders the result with <ins> and <del>; [Stats] counts the words
// each side changed.
//
// Words cuts text into words (runs of letters and digits, so a Vietnamese
// syllable with its tone mark is one word), single punctuation marks, runs
// of spaces and newlines. A changed comma is therefore shown as a changed
// comma, not as a changed word. The work is bounded: when two texts are too
// different for a word-level diff to be cheap, Words diffs them line by line
// and compares words only inside the lines that changed, and if even that is
// too costly it reports the changed part as deleted and re-inserted.
//
// Every function is safe for concurrent use.
package diff
