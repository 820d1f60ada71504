#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Interns the names of one namespace: maps the bytes of a name to a dense
/// ``NameID`` and back, without making a `String`.
///
/// An open-addressing hash table (linear probing, FNV-1a over the bytes)
/// holds each id beside its name's hash, so a probe compares hashes without
/// leaving the table, and a hit compares bytes with `memcmp`; the names'
/// bytes live in one arena, each id's span in one 8-byte entry. Released ids are
/// reused, their table entries removed by backward shifting, and the arena
/// is compacted once more than half of it is dead, so memory follows the
/// number of live names, not the length of the trace.
public struct NameTable: Sendable {
  /// Where one name's bytes are in the arena.
  struct NameSpan: Sendable {
    var start: Int32
    var length: Int32
  }

  /// The names' bytes, back to back.
  private var arena: [UInt8]
  /// Where each id's bytes are in ``arena``; a start of -1 for a free id.
  private var spans: [NameSpan]
  /// The hash table: a name's hash in the high 32 bits and its id + 1 in
  /// the low ones, or 0 for an empty slot, so that growing and deleting
  /// never rehash bytes. Its size is a power of two at least twice the
  /// number of live names.
  private var slots: [UInt64]
  /// Ids released and free for reuse.
  private var freeIDs: [Int32]
  /// How many names are interned.
  public private(set) var count: Int
  /// Bytes of the arena that belong to released names.
  private var deadBytes: Int

  /// An empty table.
  public init() {
    arena = []
    spans = []
    slots = [UInt64](repeating: 0, count: 16)
    freeIDs = []
    count = 0
    deadBytes = 0
  }
}

// MARK: - Looking up and interning

extension NameTable {
  /// The id of the name whose bytes are `bytes`, or nil if it is not
  /// interned.
  public func id(of bytes: UnsafeBufferPointer<UInt8>) -> NameID? {
    id(of: bytes, hash: Self.hash(bytes))
  }

  private func id(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> NameID? {
    slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var position = Int(hash) & mask
      while true {
        let entry = slots[position]
        if entry == 0 { return nil }
        if UInt32(truncatingIfNeeded: entry >> 32) == hash {
          let id = Int(UInt32(truncatingIfNeeded: entry)) - 1
          if equals(id, bytes) { return NameID(Int32(id)) }
        }
        position = (position + 1) & mask
      }
    }
  }

  /// The id of `bytes`, interning them if they are new.
  public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> NameID {
    let hash = Self.hash(bytes)
    if let known = id(of: bytes, hash: hash) { return known }
    if (count + 1) * 2 > slots.count { grow() }
    let id: Int
    if let reused = freeIDs.popLast() {
      id = Int(reused)
    } else {
      id = spans.count
      spans.append(NameSpan(start: -1, length: 0))
    }
    spans[id] = NameSpan(start: Int32(arena.count), length: Int32(bytes.count))
    arena.append(contentsOf: bytes)
    insertSlot(Self.entry(id: id, hash: hash))
    count += 1
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
    let start = Int(spans[id.slot].start)
    let length = Int(spans[id.slot].length)
    return arena.withUnsafeBufferPointer { all in
      body(UnsafeBufferPointer(rebasing: all[start..<(start + length)]))
    }
  }

  /// How many bytes `id`'s name has.
  public func length(_ id: NameID) -> Int { Int(spans[id.slot].length) }

  /// Appends the bytes of `id`'s name to `buffer`.
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
    spans[id.slot] = NameSpan(start: -1, length: 0)
    freeIDs.append(id.index)
    count -= 1
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

  private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let span = spans[id]
    guard Int(span.length) == bytes.count else { return false }
    guard let other = bytes.baseAddress, !bytes.isEmpty else { return true }
    return arena.withUnsafeBufferPointer { all in
      guard let base = all.baseAddress else { return false }
      return memcmp(base + Int(span.start), other, bytes.count) == 0
    }
  }

  /// The slot entry of `id` under `hash`.
  @inline(__always) private static func entry(id: Int, hash: UInt32) -> UInt64 {
    UInt64(hash) << 32 | UInt64(UInt32(id + 1))
  }

  /// The hash an occupied slot entry holds.
  @inline(__always) private static func hash(of entry: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: entry >> 32)
  }

  private mutating func insertSlot(_ entry: UInt64) {
    let mask = slots.count - 1
    var position = Int(Self.hash(of: entry)) & mask
    while slots[position] != 0 { position = (position + 1) & mask }
    slots[position] = entry
  }

  /// Removes `id`'s entry and shifts later entries of its probe run back,
  /// so that lookups never need tombstones.
  private mutating func removeSlot(id: Int) {
    let mask = slots.count - 1
    // The hash is recomputed from the name's bytes (a few, once per
    // release) rather than kept per id.
    let hash = withBytes(NameID(Int32(id))) { Self.hash($0) }
    let target = Self.entry(id: id, hash: hash)
    var hole = Int(hash) & mask
    while slots[hole] != target { hole = (hole + 1) & mask }
    var next = (hole + 1) & mask
    while slots[next] != 0 {
      let home = Int(Self.hash(of: slots[next])) & mask
      // The entry at `next` may move into the hole if its home is not in
      // the cyclic range (hole, next].
      let distanceToNext = (next - home) & mask
      let distanceToHole = (hole - home) & mask
      if distanceToHole < distanceToNext {
        slots[hole] = slots[next]
        hole = next
      }
      next = (next + 1) & mask
    }
    slots[hole] = 0
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: slots.count * 2)
    for entry in old where entry != 0 { insertSlot(entry) }
  }

  /// Rewrites the arena with the live names only.
  private mutating func compact() {
    var packed: [UInt8] = []
    packed.reserveCapacity(arena.count - deadBytes)
    for id in spans.indices where spans[id].start >= 0 {
      let start = Int(spans[id].start)
      spans[id].start = Int32(packed.count)
      packed.append(contentsOf: arena[start..<(start + Int(spans[id].length))])
    }
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
    precondition(slots.count >= 2 * count, "NameTable: the hash table is over half full")
  }
}
