import Testing

@testable import RegionModel

/// The bounce path's memory and copies: a request waiting for pool space
/// costs a few dozen bytes, and the pool is changed in place.
@Suite struct BounceFootprintTests {
  /// A million requests may wait at once (the benchmark's bounce row), so
  /// the table of requests keeps each in 32 bytes.
  @Test func aRequestSlotTakes32Bytes() {
    #expect(MemoryLayout<IORequest?>.stride <= 32)
  }

  /// The packed request reads back what it was given.
  @Test func aPackedRequestReadsBackItsFields() {
    var request = IORequest(
      id: NameID(7), kind: .write, node: NameID(3), host: 0xdead_b000, size: IORequest.maximumSize,
      state: .waiting)
    #expect(request.kind == .write && request.size == IORequest.maximumSize)
    #expect(request.state == .waiting && !request.hasWaited)
    request.hasWaited = true
    let buffer = IOBuffer(addr: 0x7ffe_0000_1000, len: IORequest.maximumSize, bounce: true)
    request.state = .inFlight(buffer)
    #expect(request.state == .inFlight(buffer) && request.hasWaited)
    request.kind = .read
    #expect(request.kind == .read && request.host == 0xdead_b000 && request.node == NameID(3))
  }

  /// Bounced writes that mostly wait, then their completions: the pool's
  /// buffer tree is never copied, and the queue drains in FIFO order.
  @Test func bouncingManyRequestsNeverCopiesThePool() throws {
    var lines = [
      "blkio-trace 1", "open d driver=virtio-blk-vhost-vdpa", "backend add b root=d",
    ]
    let count = 2000
    for index in 1...count { lines.append("write w\(index) blk=b host=0x10000000 size=4K") }
    var replayer = TraceReplayer()
    var number = 0
    func step(_ line: String) throws {
      number += 1
      var line = line
      _ = try line.withUTF8 { try replayer.step($0, number: number) }
    }
    for line in lines { try step(line) }
    let waiting = try #require(replayer.simulation.blkioNode(named: "d")?.bounce.waiters.count)
    #expect(waiting == count - 33)
    for index in 1...count { try step("complete w\(index)") }
    let pool = try #require(replayer.simulation.blkioNode(named: "d")?.bounce)
    #expect(pool.buffers.isEmpty && pool.waiters.isEmpty)
    #expect(pool.buffers.copiesOnWrite == 0)
    #expect(replayer.simulation.requestNames.isEmpty)
  }
}
