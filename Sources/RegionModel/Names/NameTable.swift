#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Interns the names of one namespace: maps the bytes of a name to a dense
/// ``NameID`` and back, without making a `String`.
///
/// An open-addressing hash table (linear probing, FNV-1a over the bytes)
/// holds the ids; the names' bytes live in one arena. Released ids are
/// reused, their table entries removed by backward shifting, and the arena
/// is compacted once more than half of it is dead, so memory follows the
/// number of live names, not the length of the trace.
///
/// Beside each slot's id, a control byte holds 7 bits of its name's hash
/// (0 for an empty slot), in an array of its own: a probe past another name,
/// and the search for a new name, which ends at an empty slot, read the
/// control bytes only (a quarter of the table's size, so more of it stays
/// in the caches), not the ids or the names' bytes. Each id's full hash is
/// kept for growing and deleting, which never rehash bytes.
public struct NameTable: Sendable {
  /// Where one id's bytes lie in ``arena``.
  private struct Span {
    /// The first byte's index; -1 for a free id.
    var start: Int32
    /// The number of bytes.
    var length: Int32
  }

  /// The names' bytes, back to back.
  private var arena: [UInt8]
  /// Each id's bytes.
  private var spans: [Span]
  /// Each id's hash.
  private var hashes: [UInt32]
  /// The hash table's control bytes: 0 for an empty slot, else 0x80 and
  /// the top 7 bits of the name's hash. Its size is a power of two at
  /// least twice the number of live names.
  private var controls: [UInt8]
  /// The hash table's ids, where the control byte is not 0.
  private var slots: [Int32]
  /// Ids released and free for reuse.
  private var freeIDs: [Int32]
  /// How many names are interned.
  public private(set) var count: Int
  /// Bytes of the arena that belong to released names.
  private var deadBytes: Int
  /// Changes whenever an id may stop naming what it named (a release, or
  /// everything forgotten): while it stays the same, an id looked up
  /// before still names the same bytes.
  public private(set) var epoch: Int
  /// The id ``intern(_:)-(UnsafeBufferPointer<UInt8>)`` returned last, or
  /// -1: a trace names the same node line after line (`register d ...`),
  /// and comparing with that name's bytes is cheaper than hashing and
  /// probing. Checked against the id's current bytes, so a release or a
  /// compaction needs no care.
  private var lastInterned: Int32

  /// An empty table.
  public init() {
    arena = []
    spans = []
    hashes = []
    controls = [UInt8](repeating: 0, count: 16)
    slots = [Int32](repeating: 0, count: 16)
    freeIDs = []
    count = 0
    deadBytes = 0
    epoch = 0
    lastInterned = -1
  }

  /// Forgets every name, as a new table, keeping the storage (the hash
  /// table keeps its size, emptied: ids are handed out as by a new table).
  mutating func removeAll() {
    arena.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
    hashes.removeAll(keepingCapacity: true)
    controls.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    freeIDs.removeAll(keepingCapacity: true)
    count = 0
    deadBytes = 0
    epoch &+= 1
    lastInterned = -1
  }
}

// MARK: - Looking up and interning

extension NameTable {
  /// The id of the name whose bytes are `bytes`, or nil if it is not
  /// interned.
  public func id(of bytes: UnsafeBufferPointer<UInt8>) -> NameID? {
    switch find(bytes, hash: Self.hash(bytes)) {
    case .found(let id): NameID(Int32(id))
    case .empty: nil
    }
  }

  /// The id of `bytes`, interning them if they are new.
  public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> NameID {
    if lastInterned >= 0, spans[Int(lastInterned)].start >= 0, equals(Int(lastInterned), bytes) {
      return NameID(lastInterned)
    }
    let hash = Self.hash(bytes)
    var position: Int
    switch find(bytes, hash: hash) {
    case .found(let id):
      lastInterned = Int32(id)
      return NameID(Int32(id))
    case .empty(let at): position = at
    }
    if (count + 1) * 2 > controls.count {
      grow()
      position = emptySlot(hash: hash)
    }
    let id: Int
    if let reused = freeIDs.popLast() {
      id = Int(reused)
    } else {
      id = spans.count
      spans.append(Span(start: -1, length: 0))
      hashes.append(0)
    }
    spans[id] = Span(start: Int32(arena.count), length: Int32(bytes.count))
    hashes[id] = hash
    arena.append(contentsOf: bytes)
    controls[position] = Self.control(hash)
    slots[position] = Int32(id)
    count += 1
    lastInterned = Int32(id)
    return NameID(Int32(id))
  }

  /// The id of `name`, interning it if it is new.
  public mutating func intern(_ name: String) -> NameID {
    var name = name
    return name.withUTF8 { intern($0) }
  }

  /// The id of `name` if it is interned.
  public func id(of name: String) -> NameID? {
    var name = name
    return name.withUTF8 { id(of: $0) }
  }

  /// Whether `id` names something now.
  public func isLive(_ id: NameID) -> Bool {
    id.slot < spans.count && spans[id.slot].start >= 0
  }

  /// The capacity arrays indexed by id need: one more than the largest id
  /// ever handed out.
  public var idCapacity: Int { spans.count }
}

// MARK: - Reading names back

extension NameTable {
  /// Calls `body` with the bytes of `id`'s name.
  public func withBytes<R>(_ id: NameID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let span = spans[id.slot]
    let start = Int(span.start)
    let length = Int(span.length)
    return arena.withUnsafeBufferPointer { all in
      body(UnsafeBufferPointer(rebasing: all[start..<(start + length)]))
    }
  }

  /// The number of bytes of the name of `id`.
  public func length(_ id: NameID) -> Int { Int(spans[id.slot].length) }

  /// Appends the bytes of the name of `id` to `buffer`.
  public func append(_ id: NameID, to buffer: inout [UInt8]) {
    withBytes(id) { buffer.append(contentsOf: $0) }
  }

  /// The name of `id` as a string, for messages and the public API.
  public func string(_ id: NameID) -> String {
    withBytes(id) { String(decoding: $0, as: UTF8.self) }
  }
}

// MARK: - Releasing

extension NameTable {
  /// Forgets `id`'s name; the id may be handed out again. Releasing a free
  /// id does nothing.
  public mutating func release(_ id: NameID) {
    guard isLive(id) else { return }
    removeSlot(id: id.slot)
    deadBytes += Int(spans[id.slot].length)
    spans[id.slot] = Span(start: -1, length: 0)
    freeIDs.append(id.index)
    count -= 1
    epoch &+= 1
    if deadBytes > 4096, deadBytes * 2 > arena.count { compact() }
  }
}

// MARK: - The hash table

extension NameTable {
  /// FNV-1a, 32 bits.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt32 = 0x811C_9DC5
    for byte in bytes {
      hash = (hash ^ UInt32(byte)) &* 0x0100_0193
    }
    return hash
  }

  /// The control byte of a name with hash `hash`.
  @inline(__always) private static func control(_ hash: UInt32) -> UInt8 {
    0x80 | UInt8(truncatingIfNeeded: hash >> 25)
  }

  /// Where a search for a name ended.
  private enum Probe {
    /// At the slot of the name's id.
    case found(Int)
    /// At this empty slot: the name is not interned.
    case empty(Int)
  }

  /// Searches the name with bytes `bytes` and hash `hash`.
  private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Probe {
    let mask = controls.count - 1
    let control = Self.control(hash)
    var position = Int(hash) & mask
    while true {
      let entry = controls[position]
      if entry == 0 { return .empty(position) }
      if entry == control {
        let id = Int(slots[position])
        if hashes[id] == hash, equals(id, bytes) { return .found(id) }
      }
      position = (position + 1) & mask
    }
  }

  private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let span = spans[id]
    let length = Int(span.length)
    guard length == bytes.count else { return false }
    guard length > 0, let other = bytes.baseAddress else { return true }
    return arena.withUnsafeBufferPointer { all in
      guard let base = all.baseAddress else { return false }
      return memcmp(base + Int(span.start), other, length) == 0
    }
  }

  /// The first empty slot of `hash`'s probe run.
  private func emptySlot(hash: UInt32) -> Int {
    let mask = controls.count - 1
    var position = Int(hash) & mask
    while controls[position] != 0 { position = (position + 1) & mask }
    return position
  }

  /// Removes `id`'s entry and shifts later entries of its probe run back,
  /// so that lookups never need tombstones.
  private mutating func removeSlot(id: Int) {
    let mask = controls.count - 1
    var hole = Int(hashes[id]) & mask
    while controls[hole] == 0 || slots[hole] != Int32(id) { hole = (hole + 1) & mask }
    var next = (hole + 1) & mask
    while controls[next] != 0 {
      let home = Int(hashes[Int(slots[next])]) & mask
      // The entry at `next` may move into the hole if its home is not in
      // the cyclic range (hole, next].
      let distanceToNext = (next - home) & mask
      let distanceToHole = (hole - home) & mask
      if distanceToHole < distanceToNext {
        controls[hole] = controls[next]
        slots[hole] = slots[next]
        hole = next
      }
      next = (next + 1) & mask
    }
    controls[hole] = 0
  }

  private mutating func grow() {
    let size = controls.count * 2
    controls = [UInt8](repeating: 0, count: size)
    slots = [Int32](repeating: 0, count: size)
    for id in spans.indices where spans[id].start >= 0 {
      let position = emptySlot(hash: hashes[id])
      controls[position] = Self.control(hashes[id])
      slots[position] = Int32(id)
    }
  }

  /// Rewrites the arena with the live names only, copying through
  /// pointers (an array slice appended per name cost a retain, a release
  /// and a generic copy each; a trace of a million requests compacts its
  /// request names often).
  private mutating func compact() {
    var packed = [UInt8](repeating: 0, count: arena.count - deadBytes)
    var spans = self.spans
    self.spans = []
    var used = 0
    arena.withUnsafeBufferPointer { source in
      packed.withUnsafeMutableBufferPointer { target in
        for id in spans.indices where spans[id].start >= 0 {
          let length = Int(spans[id].length)
          if length > 0, let from = source.baseAddress, let to = target.baseAddress {
            (to + used).update(from: from + Int(spans[id].start), count: length)
          }
          spans[id].start = Int32(used)
          used += length
        }
      }
    }
    self.spans = spans
    arena = packed
    deadBytes = 0
  }
}

// MARK: - Invariants

extension NameTable {
  /// Checks that every live id is found under its own bytes and that the
  /// counts agree; traps naming the broken rule.
  public func checkInvariants() {
    var live = 0
    for id in spans.indices where spans[id].start >= 0 {
      live += 1
      let found = withBytes(NameID(Int32(id))) { self.id(of: $0) }
      precondition(found == NameID(Int32(id)), "NameTable: id \(id) is not found by its name")
    }
    precondition(live == count, "NameTable: \(live) live ids but count is \(count)")
    precondition(controls.count >= 2 * count, "NameTable: the hash table is over half full")
  }
}
