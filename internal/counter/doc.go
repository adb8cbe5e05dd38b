// Package counter keeps the portal's honest counters in memory: article views
// ("Số lần xem"), people online ("Người dùng Online") and visits ("Lượt truy
// cập"). A page view costs a few map operations under a lock and never a
// database write; increments are flushed in one transaction every few
// seconds and at shutdown. Every structure is bounded, so a flood of
// cookie-less requests (crawlers, load tests) cannot grow memory without end.
package counter
