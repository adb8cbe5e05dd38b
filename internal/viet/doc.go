// Package viet holds the Vietnamese text helpers the rest of Cổng shares:
// folding of tone marks and đ for search and slugs, Unicode normalisation,
// the legacy font encodings old portals hold (TCVN3, VNI) and their
// conversion to Unicode, and the date, weekday and number formats readers
// in Vietnam expect.
//
// Every function is safe for concurrent use.
package viet
