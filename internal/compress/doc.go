// Package compress makes the compressed forms of reader pages, feeds and
// sitemaps once, when they are cached, and picks the one a request accepts.
//
// A reader page has holes: a few numbers (views, visitors online) filled in
// per request, so its bytes differ on every response. Spliced keeps the
// fixed parts of such a page as independent, byte-aligned deflate runs and
// joins them per response with the holes' bytes in deflate stored blocks:
// a valid gzip stream, no compression work per request. Brotli cannot be
// joined that way (see docs/ARCHITECTURE.md, "Compression"): it is made once
// for bodies whose bytes never change, and for a page with holes from the
// page as one request fills it, on that request, when a compressor is free
// (TryBrotli); the caller keeps it for the requests that show the same
// numbers.
package compress
