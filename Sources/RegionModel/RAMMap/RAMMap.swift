/// The fake RAM map: the RAMBlocks of one modelled QEMU process.
///
/// Stands in for QEMU's `ram_list`. Blocks never overlap and never run past
/// the top of the address space (the trace format refuses both), so at most
/// one block contains any address; the map keeps its blocks sorted by host
/// address so that ``block(containingHost:)`` is a binary search whose answer
/// equals that of QEMU's walk of the list (see `RAMMap+Lookup.swift`).
public struct RAMMap: Hashable, Sendable {
  /// The blocks, sorted by ascending host address.
  public internal(set) var blocksByHost: [RAMBlock]
  /// The host address of each block, by name.
  public internal(set) var hostByName: [String: UInt64]
  /// The serial number the next block gets.
  public internal(set) var nextSerial: UInt64
  /// The blocks' host addresses, in the same order: the binary search
  /// reads these without touching the blocks.
  var hosts: [UInt64]
  /// How many blocks use each fd (-1 not counted).
  var fdUses: [Int32: Int]

  /// An empty map.
  public init() {
    blocksByHost = []
    hostByName = [:]
    nextSerial = 0
    hosts = []
    fdUses = [:]
  }

  /// Removes every block, as a new map, keeping the storage.
  mutating func removeAll() {
    blocksByHost.removeAll(keepingCapacity: true)
    hostByName.removeAll(keepingCapacity: true)
    nextSerial = 0
    hosts.removeAll(keepingCapacity: true)
    fdUses.removeAll(keepingCapacity: true)
  }
}

// MARK: - Reading

extension RAMMap {
  /// The number of blocks.
  public var count: Int { blocksByHost.count }

  /// The blocks in QEMU's RAM-list order (largest `max_length` first, ties in
  /// order of addition), the order of `RAMBLOCK_FOREACH`.
  public var listOrder: [RAMBlock] {
    blocksByHost.sorted { $0.precedesInRAMList($1) }
  }

  /// The block named `name`, if any.
  public func block(named name: String) -> RAMBlock? {
    indexOfBlock(named: name).map { blocksByHost[$0] }
  }

  /// The index in ``blocksByHost`` of the block named `name`.
  func indexOfBlock(named name: String) -> Int? {
    guard let host = hostByName[name], let index = indexOfLastBlock(atOrBelow: host) else {
      return nil
    }
    return index
  }

  /// The index in ``blocksByHost`` of the last block whose host is at most
  /// `address`, or nil when every block starts above it.
  /// Whether a block uses `fd`.
  public func usesFD(_ fd: Int32) -> Bool { fd != -1 && fdUses[fd] != nil }

  /// The last block, by address, that shares a byte with `[start, start +
  /// length)` (the range must not run past 2^64). Blocks do not overlap,
  /// so their ends grow with their hosts and one binary search answers.
  public func lastBlock(overlapping start: UInt64, length: UInt64) -> RAMBlock? {
    guard length > 0, let index = indexOfLastBlock(atOrBelow: start &+ (length - 1)) else {
      return nil
    }
    let block = blocksByHost[index]
    return block.host &+ (block.maxLength - 1) >= start ? block : nil
  }

  func indexOfLastBlock(atOrBelow address: UInt64) -> Int? {
    // Through a buffer pointer: each access to the array checked bounds.
    let low = hosts.withUnsafeBufferPointer { hosts in
      var low = 0
      var high = hosts.count
      while low < high {
        let middle = low &+ (high &- low) >> 1
        if hosts[middle] <= address {
          low = middle &+ 1
        } else {
          high = middle
        }
      }
      return low
    }
    return low == 0 ? nil : low - 1
  }
}
