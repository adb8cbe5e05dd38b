// Package auth holds the building blocks of signing in to Cổng's back office:
// argon2id password hashes and the password policy, random tokens for
// sessions and one-time passwords, TOTP second factors and recovery codes.
//
// It keeps no state of its own beyond a Hasher's slots: what to store, and
// where, is the store's business; what to show, the admin handlers'.
// Every function is safe for concurrent use.
package auth
