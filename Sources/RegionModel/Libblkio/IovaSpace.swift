/// The IOVA bookkeeping that libblkio's vhost-vdpa and VFIO transports keep
/// for every mapping they hand the kernel: which process addresses are
/// mapped, and at which I/O virtual address.
///
/// Models `IovaSpace` of libblkio's `virtio-driver` crate
/// (`src/util/iova.rs`: `allocate`, `find_free_iova_range`, `free`,
/// `translate`, `get_mapping_intersecting`): a region that intersects a
/// mapped one is refused with the base address of the mapping found, IOVAs
/// are given first fit in the pools in order, and freeing a range frees
/// every mapping that intersects it.
///
/// libblkio finds the first fit by walking every mapping; the model asks
/// each pool's gap summaries instead, which gives the same address for
/// mappings that do not overlap, in O(log n).
///
/// As in libblkio, an empty mapping the kernel then refuses stays behind:
/// the rollback frees what intersects the empty range, which is nothing.
/// Where libblkio's maps, keyed by address and by IOVA, would let such an
/// entry replace another with the same key, the model keeps both; this
/// only matters after an empty region is mapped.
public struct IovaSpace: Sendable {
  /// One mapping: a process range and its IOVA.
  public struct Mapping: AddressRanged, Hashable {
    public var address: UInt64
    public var size: UInt64
    public var iova: UInt64
    public var rangeStart: UInt64 { address }
    public var rangeLength: UInt64 { size }
    public static func < (lhs: Mapping, rhs: Mapping) -> Bool {
      (lhs.address, lhs.size, lhs.iova) < (rhs.address, rhs.size, rhs.iova)
    }
  }

  /// A range of IOVAs in use, in a pool's first-fit index.
  struct IovaRange: AddressRanged, Hashable {
    var iova: UInt64
    var size: UInt64
    var rangeStart: UInt64 { iova }
    var rangeLength: UInt64 { size }
    /// First fit needs the gaps between ranges.
    static var summarizesGaps: Bool { true }
    /// Nothing asks which range overlaps another: the ends are not kept.
    static var summarizesReach: Bool { false }
    static func < (lhs: IovaRange, rhs: IovaRange) -> Bool {
      (lhs.iova, lhs.size) < (rhs.iova, rhs.size)
    }
  }

  /// The pools of IOVAs, in increasing order, each `first...last`.
  public let pools: [ClosedRange<UInt64>]
  /// The mappings, by process address: asked only for the last one below
  /// an address, so it keeps no range summaries.
  public private(set) var byAddress: AddressTree<Mapping>
  /// Each pool's IOVAs in use.
  private var used: [AddressTree<IovaRange>]

  /// An empty space over `pools`.
  public init(pools: [ClosedRange<UInt64>]) {
    self.pools = pools
    byAddress = AddressTree(keepsSummaries: false)
    used = pools.map { _ in AddressTree() }
  }

  /// The number of mappings.
  public var count: Int { byAddress.count }

  /// How many edits found a tree of the space shared and copied it: 0
  /// when the space is edited in place (``AddressTree/copiesOnWrite``).
  public var copiesOnWrite: Int {
    used.reduce(byAddress.copiesOnWrite) { $0 + $1.copiesOnWrite }
  }

  /// The last mapping, by address, that starts below `address + size` and
  /// ends after `address`: libblkio's `get_mapping_intersecting()`. A
  /// zero-size range intersects a mapping that holds `address` strictly
  /// after its first byte. The sums wrap at 2^64 as libblkio's `usize`
  /// arithmetic does in a release build: a range that ends exactly at the
  /// top of the address space ends at 0, and intersects nothing.
  public func intersecting(address: UInt64, size: UInt64) -> Mapping? {
    let end = address &+ size
    guard let last = byAddress.last(startingBelow: UInt128(end)) else { return nil }
    return address < last.address &+ last.size ? last : nil
  }

  /// The IOVA a new mapping of `size` bytes would get: the first gap of
  /// `size` bytes in the first pool that has one (`find_free_iova_range()`).
  /// A zero size gets the first pool's start, as libblkio's wrapping
  /// `size - 1` makes it.
  public func firstFreeIova(size: UInt64) -> UInt64? {
    if size == 0 { return pools.first?.lowerBound }
    for (index, pool) in pools.enumerated() {
      let limit = UInt128(pool.upperBound) + 1
      if let iova = used[index].firstFit(bytes: size, base: pool.lowerBound, limit: limit) {
        return iova
      }
    }
    return nil
  }

  /// Adds a mapping (`allocate()`): refused when it intersects a mapped
  /// one, or when no pool has room; returns its IOVA.
  public mutating func allocate(
    address: UInt64, size: UInt64
  ) throws(BlkioFailure) -> UInt64 {
    if let mapped = intersecting(address: address, size: size) {
      throw BlkioFailure(
        errno: .EIO, message: "Address \(CFormat.hex(mapped.address)) is already mapped")
    }
    guard let iova = firstFreeIova(size: size) else {
      throw BlkioFailure(
        errno: .EIO,
        message: "IOVA space is too small or fragmented to allocate a \(size)-byte range")
    }
    insert(Mapping(address: address, size: size, iova: iova))
    return iova
  }

  /// The IOVA of `[address, address + size)` when one mapping holds all
  /// of it (`translate()`, with the same wrapping sums).
  public func translate(address: UInt64, size: UInt64) -> UInt64? {
    guard let mapping = byAddress.last(startingBelow: UInt128(address) + 1),
      address &+ size <= mapping.address &+ mapping.size
    else { return nil }
    return mapping.iova &+ (address &- mapping.address)
  }

  /// Removes every mapping that intersects `[address, address + size)`
  /// (`free()`).
  public mutating func free(address: UInt64, size: UInt64) {
    while let mapping = intersecting(address: address, size: size) {
      remove(mapping)
    }
  }

  private mutating func insert(_ mapping: Mapping) {
    byAddress.insertNew(mapping)
    guard mapping.size > 0, let pool = poolIndex(of: mapping.iova) else { return }
    used[pool].insertNew(IovaRange(iova: mapping.iova, size: mapping.size))
  }

  private mutating func remove(_ mapping: Mapping) {
    byAddress.remove(mapping)
    guard mapping.size > 0, let pool = poolIndex(of: mapping.iova) else { return }
    used[pool].remove(IovaRange(iova: mapping.iova, size: mapping.size))
  }

  private func poolIndex(of iova: UInt64) -> Int? {
    pools.firstIndex { $0.contains(iova) }
  }
}
