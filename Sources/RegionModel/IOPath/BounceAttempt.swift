/// What one try at a bounce buffer came to (``BouncePool/attempt(bytes:for:entering:hasWaited:)``).
enum BounceAttempt: Hashable, Sendable {
  /// First fit found the buffer; taking it woke this waiter, if any.
  case allocated(IOBuffer, woken: NameID?)
  /// The request joined the wait queue.
  case queued
  /// No buffer is live and none fits: the pool must be resized
  /// (`blkio_resize_bounce_pool()`) before the request can have one.
  case needsResize
}
