package portal

import "context"

type replicaKey struct{}

// PreferReplica marks ctx as a reader's request: the services may answer
// its reads from a read replica, which may be a moment behind the primary
// database (see store.DB.AddReplicas). The public site marks the pages it
// serves to readers; staff pages, forms and every write are never marked,
// so they read what they wrote.
func PreferReplica(ctx context.Context) context.Context {
	return context.WithValue(ctx, replicaKey{}, true)
}

// PrefersReplica reports whether ctx was marked by PreferReplica.
func PrefersReplica(ctx context.Context) bool {
	v, _ := ctx.Value(replicaKey{}).(bool)
	return v
}

// ReadPrimary undoes PreferReplica, for a reader's page that shows what
// the reader has just sent (a question's lookup code): a replica may not
// have it yet.
func ReadPrimary(ctx context.Context) context.Context {
	return context.WithValue(ctx, replicaKey{}, false)
}
