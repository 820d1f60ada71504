// MARK: - The pieces a request reaches the driver in

extension Simulation {
  /// Hands one fragment (or the whole request) to the driver: with the
  /// guest's buffer when it carries the flag or the node needs no regions,
  /// else through the bounce pool (`blkio_co_preadv()`/`pwritev()`).
  mutating func issueFragment(
    _ id: NameID, node: NameID, host: UInt64, size: UInt64, flagged: Bool,
    needsMemRegions: Bool, log: inout CallLog
  ) {
    if needsMemRegions && !flagged {
      allocateBounceBuffer(for: id, entering: true, log: &log)
    } else {
      submit(id, buffer: IOBuffer(addr: host, len: size, bounce: false), log: &log)
    }
  }

  /// After a piece of a split request completed successfully, hands the
  /// next one to the driver: the next padding read, or the next fragment
  /// (`bdrv_aligned_preadv()`'s loop); returns false when the request has
  /// no piece left.
  mutating func issueNextFragment(_ id: NameID, log: inout CallLog) -> Bool {
    guard var split = splitRequests[id], let request = requests[id.slot] else { return false }
    let next: UInt64
    if !split.padReads.isEmpty {
      next = split.padReads.removeFirst()
    } else if split.readingPad {
      split.readingPad = false
      next = min(split.limit, split.size)
    } else {
      split.done += request.size
      guard split.done < split.size else { return false }
      next = min(split.limit, split.size - split.done)
    }
    splitRequests[id] = split
    let host = split.host &+ split.done
    requests.update(id.slot) { request in
      request.host = host
      request.state = .waiting
      request.size = next
      request.hasWaited = false
    }
    issueFragment(
      id, node: request.node, host: host, size: next, flagged: split.flagged,
      needsMemRegions: blkioNodes.needsMemRegions(request.node.slot) ?? false, log: &log)
    return true
  }
}
