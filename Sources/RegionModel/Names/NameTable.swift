/// Interns the names of one namespace: maps the bytes of a name to a dense
/// ``NameID`` and back, without making a `String`.
///
/// An open-addressing hash table (linear probing, FNV-1a over the bytes)
/// holds the ids; the names' bytes live in one arena. Released ids are
/// reused, their table entries removed by backward shifting, and the arena
/// is compacted once more than half of it is dead, so memory follows the
/// number of live names, not the length of the trace.
public struct NameTable: Sendable {
  /// The names' bytes, back to back.
  private var arena: [UInt8]
  /// Where each id's bytes start in ``arena``; -1 for a free id.
  private var starts: [Int32]
  /// How many bytes each id's name has.
  private var lengths: [Int32]
  /// Each id's hash, kept so that growing and deleting never rehash bytes.
  private var hashes: [UInt32]
  /// The hash table: id + 1, or 0 for an empty slot. Its size is a power
  /// of two at least twice the number of live names.
  private var slots: [Int32]
  /// Ids released and free for reuse.
  private var freeIDs: [Int32]
  /// How many names are interned.
  public private(set) var count: Int
  /// Bytes of the arena that belong to released names.
  private var deadBytes: Int

  /// An empty table.
  public init() {
    arena = []
    starts = []
    lengths = []
    hashes = []
    slots = [Int32](repeating: 0, count: 16)
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
    let hash = Self.hash(bytes)
    let mask = slots.count - 1
    var position = Int(hash) & mask
    while true {
      let entry = slots[position]
      if entry == 0 { return nil }
      let id = Int(entry - 1)
      if hashes[id] == hash, equals(id, bytes) { return NameID(Int32(id)) }
      position = (position + 1) & mask
    }
  }

  /// The id of `bytes`, interning them if they are new.
  public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> NameID {
    if let known = id(of: bytes) { return known }
    if (count + 1) * 2 > slots.count { grow() }
    let hash = Self.hash(bytes)
    let id: Int
    if let reused = freeIDs.popLast() {
      id = Int(reused)
    } else {
      id = starts.count
      starts.append(-1)
      lengths.append(0)
      hashes.append(0)
    }
    starts[id] = Int32(arena.count)
    lengths[id] = Int32(bytes.count)
    hashes[id] = hash
    arena.append(contentsOf: bytes)
    insertSlot(id: id, hash: hash)
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
    id.slot < starts.count && starts[id.slot] >= 0
  }

  /// The capacity arrays indexed by id need: one more than the largest id
  /// ever handed out.
  public var idCapacity: Int { starts.count }
}

// MARK: - Reading names back

extension NameTable {
  /// Calls `body` with the bytes of `id`'s name.
  public func withBytes<R>(_ id: NameID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let start = Int(starts[id.slot])
    let length = Int(lengths[id.slot])
    return arena.withUnsafeBufferPointer { all in
      body(UnsafeBufferPointer(rebasing: all[start..<(start + length)]))
    }
  }

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
    deadBytes += Int(lengths[id.slot])
    starts[id.slot] = -1
    lengths[id.slot] = 0
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
    let length = Int(lengths[id])
    guard length == bytes.count else { return false }
    let start = Int(starts[id])
    return arena.withUnsafeBufferPointer { all in
      UnsafeBufferPointer(rebasing: all[start..<(start + length)]).elementsEqual(bytes)
    }
  }

  private mutating func insertSlot(id: Int, hash: UInt32) {
    let mask = slots.count - 1
    var position = Int(hash) & mask
    while slots[position] != 0 { position = (position + 1) & mask }
    slots[position] = Int32(id + 1)
  }

  /// Removes `id`'s entry and shifts later entries of its probe run back,
  /// so that lookups never need tombstones.
  private mutating func removeSlot(id: Int) {
    let mask = slots.count - 1
    var hole = Int(hashes[id]) & mask
    while slots[hole] != Int32(id + 1) { hole = (hole + 1) & mask }
    var next = (hole + 1) & mask
    while slots[next] != 0 {
      let home = Int(hashes[Int(slots[next] - 1)]) & mask
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
    slots = [Int32](repeating: 0, count: slots.count * 2)
    for id in starts.indices where starts[id] >= 0 {
      insertSlot(id: id, hash: hashes[id])
    }
  }

  /// Rewrites the arena with the live names only.
  private mutating func compact() {
    var packed: [UInt8] = []
    packed.reserveCapacity(arena.count - deadBytes)
    for id in starts.indices where starts[id] >= 0 {
      let start = Int(starts[id])
      starts[id] = Int32(packed.count)
      packed.append(contentsOf: arena[start..<(start + Int(lengths[id]))])
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
    for id in starts.indices where starts[id] >= 0 {
      live += 1
      let found = withBytes(NameID(Int32(id))) { self.id(of: $0) }
      precondition(found == NameID(Int32(id)), "NameTable: id \(id) is not found by its name")
    }
    precondition(live == count, "NameTable: \(live) live ids but count is \(count)")
    precondition(slots.count >= 2 * count, "NameTable: the hash table is over half full")
  }
}
