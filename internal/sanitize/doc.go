// Package sanitize makes HTML from editors safe to show on Cổng's pages and
// turns HTML into plain text for summaries, search and meta tags.
//
// Every article body passes through [Body] before it is stored, whatever the
// author's role: an editor's account can be stolen, and a state agency's
// portal is a prize for whoever wants to plant a script in it. Body works in
// three steps. A walk over the parsed tree cleans up what Microsoft Word
// leaves behind and applies the allowlist, keeping what authors mean
// (alignment, headings, image sizes) in forms the allowlist accepts; a
// bluemonday policy then checks the result again on its own, so a mistake in
// one step is not yet a hole; a last walk tidies whitespace and empty
// paragraphs and marks links. The output of Body is a fixed point: passing
// it through Body again changes nothing, so bodies can be cleaned on every
// save.
//
// Every function is safe for concurrent use.
package sanitize
