import Testing

@testable import RegionModel

/// The address-ordered index answers as the linear scans it replaces: the
/// C-style wrapping `overlaps` and `covers` of ``MemRegion`` tested against
/// every element, and the bounce pool's first fit over a sorted list.
@Suite struct AddressTreeTests {
  static let seeds: [UInt64] = Array(1...40)

  /// A region drawn to hit the edges: near 0, near 2^64, empty, wrapping.
  static func region(_ random: inout SplitMix64) -> MemRegion {
    let bases: [UInt64] = [0, 0x1000, 0x2000, 0x7000, .max - 0x1fff, .max - 0x0fff]
    let addr = (random.pick(bases) ?? 0) &+ random.bounded(0x3000)
    let len = random.pick([0, 1, 0x800, 0x1000, 0x2000, 0x3000] as [UInt64]) ?? 0
    return MemRegion(addr: addr, len: len, fd: Int32(random.bounded(2)), fdOffset: 0)
  }

  @Test(arguments: seeds) func overlapAndCoverMatchTheLinearScan(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var tree = AddressTree<MemRegion>()
    var model: Set<MemRegion> = []
    for _ in 0..<300 {
      let region = Self.region(&random)
      if random.chance(1, in: 3) {
        #expect(tree.remove(region) == (model.remove(region) != nil))
      } else {
        #expect(tree.insert(region) == model.insert(region).inserted)
      }
      tree.checkInvariants()
      let query = Self.region(&random)
      let expected = model.filter { $0 != query && $0.overlaps(query) }.min()
      #expect(
        tree.firstOverlappingWrapping(start: query.addr, length: query.len, excluding: query)
          == expected, "query \(query) in \(model.sorted())")
      let all = model.filter { $0.overlaps(query) }.sorted()
      #expect(tree.overlappingWrapping(start: query.addr, length: query.len) == all)
      #expect(
        tree.hasElementCoveringWrapping(start: query.addr, length: query.len)
          == model.contains { $0.covers(start: query.addr, length: query.len) })
    }
    #expect(tree.elements == model.sorted())
  }

  /// A tree that keeps no summaries restructures in loops rather than by
  /// recursion: it must hold the same elements, in order and in heap
  /// order, and be the very same tree, link for link, as one that keeps
  /// them.
  @Test(arguments: seeds) func aTreeWithoutSummariesIsTheSameTree(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var summarized = AddressTree<MemRegion>()
    var plain = AddressTree<MemRegion>(keepsSummaries: false)
    var model: Set<MemRegion> = []
    for _ in 0..<300 {
      var region = Self.region(&random)
      if random.chance(1, in: 3) {
        // Mostly a region that is there: drawn ones rarely are.
        if random.chance(3, in: 4), let present = random.pick(model.sorted()) { region = present }
        let removed = model.remove(region) != nil
        #expect(plain.remove(region) == removed)
        #expect(summarized.remove(region) == removed)
      } else {
        let inserted = model.insert(region).inserted
        #expect(plain.insert(region) == inserted)
        #expect(summarized.insert(region) == inserted)
      }
      plain.checkInvariants()
      #expect(plain.root == summarized.root)
      #expect(plain.nodes.map(\.left) == summarized.nodes.map(\.left))
      #expect(plain.nodes.map(\.right) == summarized.nodes.map(\.right))
      #expect(plain.contains(region) == model.contains(region))
    }
    #expect(plain.elements == model.sorted())
  }

  /// The first fit of the seed's `blkio_do_alloc_bounce_buffer()`, over a
  /// sorted list, as the model had it before the tree.
  static func listFirstFit(_ buffers: [BounceBuffer], bytes: UInt64, base: UInt64, length: UInt64)
    -> UInt64?
  {
    var addr = base
    for buffer in buffers.sorted() {
      if bytes <= buffer.addr &- addr { return addr }
      addr = buffer.addr &+ buffer.len
    }
    return bytes <= base &+ length &- addr ? addr : nil
  }

  @Test(arguments: seeds) func firstFitMatchesTheListWalk(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var pool = BouncePool()
    pool.region = MemRegion(addr: 0x10000, len: 0x8000, fd: 3, fdOffset: 0)
    var live: [NameID: IOBuffer] = [:]
    for step in 0..<400 {
      if random.chance(1, in: 3), let victim = live.keys.sorted().first {
        pool.release(live[victim]!, of: victim)
        live[victim] = nil
        continue
      }
      let bytes = random.pick([0, 1, 0x100, 0x800, 0x1000, 0x3000] as [UInt64]) ?? 0
      let expected = Self.listFirstFit(
        pool.buffers.elements, bytes: bytes, base: 0x10000, length: 0x8000)
      let id = NameID(Int32(step))
      let got = pool.allocate(bytes: bytes, for: id)
      #expect(got?.addr == expected)
      if let got { live[id] = got }
      pool.buffers.checkInvariants()
    }
  }

  @Test func aTreeChangedInPlaceIsNeverCopied() {
    var tree = AddressTree<MemRegion>()
    for index in 0..<1000 as Range<UInt64> {
      tree.insert(MemRegion(addr: index << 12, len: 0x1000, fd: -1, fdOffset: 0))
    }
    #expect(tree.copiesOnWrite == 0)
    let copy = tree
    tree.insert(MemRegion(addr: 1 << 40, len: 1, fd: -1, fdOffset: 0))
    #expect(tree.copiesOnWrite == 1)
    #expect(copy.count == 1000)
  }
}
