package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cong/internal/portal"
)

// pool is the primary database with the read replicas beside it. Its
// queries go to a healthy replica that has replayed every change readers
// were told of when ctx comes from a reader's page (portal.PreferReplica),
// to the primary otherwise; Exec, transactions and connections always go to
// the primary. It is the one place reads are routed: the store's methods
// call it as they would the primary.
type pool struct {
	*sql.DB
	replicas *replicaSet // nil: no replicas
}

// QueryContext runs a query on the database reads of ctx go to.
func (p *pool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	r := p.replica(ctx)
	if r == nil {
		return p.DB.QueryContext(ctx, q, args...)
	}
	rows, err := r.db.QueryContext(ctx, q, args...)
	if err != nil && ctx.Err() == nil {
		r.failed(err, p.replicas.log)
		return p.DB.QueryContext(ctx, q, args...)
	}
	return rows, err
}

// QueryRowContext runs a one-row query on the database reads of ctx go to.
func (p *pool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	r := p.replica(ctx)
	if r == nil {
		return p.DB.QueryRowContext(ctx, q, args...)
	}
	row := r.db.QueryRowContext(ctx, q, args...)
	if err := row.Err(); err != nil && ctx.Err() == nil {
		r.failed(err, p.replicas.log)
		return p.DB.QueryRowContext(ctx, q, args...)
	}
	return row
}

// BeginTx begins a transaction on the primary, or on a replica when it is
// read-only and ctx comes from a reader's page (search).
func (p *pool) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	if opts == nil || !opts.ReadOnly {
		return p.DB.BeginTx(ctx, opts)
	}
	if r := p.replica(ctx); r != nil {
		tx, err := r.db.BeginTx(ctx, opts)
		if err == nil || ctx.Err() != nil {
			return tx, err
		}
		r.failed(err, p.replicas.log)
	}
	return p.DB.BeginTx(ctx, opts)
}

// replica picks the replica a read of ctx goes to; nil: the primary.
func (p *pool) replica(ctx context.Context) *replica {
	if p.replicas == nil || !portal.PrefersReplica(ctx) {
		return nil
	}
	return p.replicas.pick()
}

// replicaSet is the read replicas and what the health check knows of them.
type replicaSet struct {
	primary *sql.DB
	list    []*replica
	maxLag  time.Duration
	log     *slog.Logger
	next    atomic.Uint64 // round robin among the eligible
	// need is the primary's WAL position after the last change readers
	// were told of (here, or on another instance through the content
	// version): a replica serves reads only once it has replayed that far,
	// so a page rebuilt after a change never shows the page before it.
	need atomic.Uint64
	// version is the content version last read, to notice another
	// instance's change.
	version atomic.Int64
	stop    context.CancelFunc
	done    sync.WaitGroup
}

// replica is one standby.
type replica struct {
	name     string // its URL without the password
	db       *sql.DB
	healthy  atomic.Bool
	replayed atomic.Uint64 // WAL position replayed, as of the last check
	lag      atomic.Int64  // nanoseconds behind the primary, as of the last check
	// caughtUp is when a check last found it level with the primary; an
	// idle primary writes nothing, so the time of the last replayed commit
	// alone would overstate the lag.
	caughtUp time.Time
	problem  string // why it was left out, for the log; checker only
}

// ReplicaState is how one read replica stands, for the metrics.
type ReplicaState struct {
	Name    string        // its URL without the password
	Healthy bool          // answering, and not too far behind
	Lag     time.Duration // behind the primary, as of the last check
	// Level is whether it has replayed the last change readers were told
	// of; a healthy replica serves reads only then.
	Level bool
}

// replicaCheckEvery is how often each replica's lag is measured.
const replicaCheckEvery = time.Second

// AddReplicas opens the PostgreSQL standbys at dsns (pg_basebackup -R
// copies of this database) for reader pages to read from, and starts
// checking each every second: one more than maxLag behind the primary or
// not answering is left out until it recovers. A replica that is down at
// start is only left out. Close stops the checks.
func (s *DB) AddReplicas(ctx context.Context, dsns []string, maxLag time.Duration, log *slog.Logger) error {
	if len(dsns) == 0 {
		return nil
	}
	if s.dialect.name != "postgres" {
		return errors.New("read replicas need a PostgreSQL database")
	}
	set := &replicaSet{primary: s.db.DB, maxLag: maxLag, log: log}
	for _, dsn := range dsns {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			set.close()
			return fmt.Errorf("open replica %s: %w", Redact(dsn), err)
		}
		s.dialect.configure(db)
		set.list = append(set.list, &replica{name: Redact(dsn), db: db})
	}
	v, lsn, err := s.versionAt(ctx)
	if err != nil {
		set.close()
		return fmt.Errorf("read replicas: %w", err)
	}
	set.version.Store(v)
	set.need.Store(lsn)
	set.checkAll(ctx)
	ctx, set.stop = context.WithCancel(context.WithoutCancel(ctx))
	set.done.Go(func() { set.watch(ctx) })
	s.db.replicas = set
	return nil
}

// Replicas reads how each replica stands.
func (s *DB) Replicas() []ReplicaState {
	if s.db.replicas == nil {
		return nil
	}
	var out []ReplicaState
	need := s.db.replicas.need.Load()
	for _, r := range s.db.replicas.list {
		out = append(out, ReplicaState{Name: r.name, Healthy: r.healthy.Load(), Lag: time.Duration(r.lag.Load()),
			Level: r.replayed.Load() >= need})
	}
	return out
}

// versionAt reads the content version and the primary's WAL position.
func (s *DB) versionAt(ctx context.Context) (int64, uint64, error) {
	var v int64
	var lsn string
	err := s.db.DB.QueryRowContext(ctx, `SELECT CAST(value AS BIGINT), pg_current_wal_lsn()::text
		FROM settings WHERE site_id = 1 AND key = 'content.version'`).Scan(&v, &lsn)
	if err != nil {
		return 0, 0, err
	}
	n, err := parseLSN(lsn)
	return v, n, err
}

// told raises the position replicas must have replayed to serve reads to
// the primary's WAL position now; when that cannot be read, to "unknown",
// which the next check replaces by the position it reads (later, so no
// lower): until then reads go to the primary.
func (set *replicaSet) told(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var lsn string
	err := set.primary.QueryRowContext(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&lsn)
	n, perr := parseLSN(lsn)
	if err != nil || perr != nil {
		n = math.MaxUint64
	}
	set.raise(n)
}

func (set *replicaSet) raise(lsn uint64) {
	for {
		old := set.need.Load()
		if lsn <= old || set.need.CompareAndSwap(old, lsn) {
			return
		}
	}
}

// pick returns a replica that may serve a reader's read, in turn; nil when
// none may.
func (set *replicaSet) pick() *replica {
	need, n := set.need.Load(), uint64(len(set.list))
	start := set.next.Add(1)
	for i := range n {
		r := set.list[(start+i)%n]
		if r.healthy.Load() && r.replayed.Load() >= need {
			return r
		}
	}
	return nil
}

// watch checks the replicas every second until ctx ends.
func (set *replicaSet) watch(ctx context.Context) {
	t := time.NewTicker(replicaCheckEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			set.checkAll(ctx)
		}
	}
}

// checkAll measures every replica against the primary's WAL position, each
// check bounded to a second.
func (set *replicaSet) checkAll(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, replicaCheckEvery)
	defer cancel()
	var lsn string
	primaryErr := set.primary.QueryRowContext(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&lsn)
	primary, _ := parseLSN(lsn)
	if primaryErr != nil {
		primary = 0 // the primary is down: judge replicas by their replay times alone
	} else {
		set.need.CompareAndSwap(math.MaxUint64, primary)
	}
	var wg sync.WaitGroup
	for _, r := range set.list {
		wg.Go(func() { set.check(ctx, r, primary) })
	}
	wg.Wait()
}

// check measures one replica: its replayed position, and its lag — none
// when it has replayed all the primary had written, else the time since it
// was last level or since its last replayed commit, whichever is shorter.
func (set *replicaSet) check(ctx context.Context, r *replica, primary uint64) {
	var standby bool
	var replayed string
	var sinceCommit sql.NullFloat64
	err := r.db.QueryRowContext(ctx, `SELECT pg_is_in_recovery(), COALESCE(pg_last_wal_replay_lsn()::text, '0/0'),
		EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())`).Scan(&standby, &replayed, &sinceCommit)
	now := time.Now()
	pos, perr := parseLSN(replayed)
	switch {
	case err != nil:
		set.leaveOut(r, "không trả lời: "+err.Error())
		return
	case perr != nil:
		set.leaveOut(r, perr.Error())
		return
	case !standby:
		set.leaveOut(r, "không phải bản sao đang nhận WAL (pg_is_in_recovery() = false)")
		return
	}
	r.replayed.Store(pos)
	lag := time.Duration(0)
	if pos >= primary && primary != 0 {
		r.caughtUp = now
	} else {
		lag = time.Duration(math.MaxInt64)
		if !r.caughtUp.IsZero() {
			lag = now.Sub(r.caughtUp)
		}
		if sinceCommit.Valid {
			lag = min(lag, time.Duration(max(sinceCommit.Float64, 0)*float64(time.Second)))
		}
	}
	r.lag.Store(int64(lag))
	if lag > set.maxLag {
		set.leaveOut(r, "chậm hơn máy chính "+lag.Round(time.Millisecond).String())
		return
	}
	if !r.healthy.Swap(true) {
		set.log.Info("read replica serving reads", "replica", r.name, "lag", lag)
		r.problem = ""
	}
}

// leaveOut stops reads going to r until a check finds it well again.
func (set *replicaSet) leaveOut(r *replica, why string) {
	if r.healthy.Swap(false) || r.problem == "" {
		set.log.Warn("read replica left out: reads go to the other replicas or the primary", "replica", r.name, "why", why)
	}
	r.problem = why
}

// failed leaves r out at once when a read on it finds it unreachable; the
// read is then made on the primary.
func (r *replica) failed(err error, log *slog.Logger) {
	if unreachable(err) && r.healthy.Swap(false) {
		log.Warn("read replica failed a read: left out until it answers", "replica", r.name, "err", err)
	}
}

func (set *replicaSet) close() {
	if set.stop != nil {
		set.stop()
		set.done.Wait()
	}
	for _, r := range set.list {
		r.db.Close()
	}
}

// parseLSN reads a WAL position as PostgreSQL prints it ("16/B374D848").
func parseLSN(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	h, err1 := strconv.ParseUint(hi, 16, 32)
	l, err2 := strconv.ParseUint(lo, 16, 32)
	if !ok || err1 != nil || err2 != nil {
		return 0, fmt.Errorf("not a WAL position: %q", s)
	}
	return h<<32 | l, nil
}
