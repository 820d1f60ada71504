/// The messages of the `blkio_register_buf()` path, formatted with a
/// cursor rather than interpolation (a large trace meets them by the
/// thousand). All are `PREFIX%p with size %zuSUFFIX`; the room is summed
/// from the parts, `%p` at most 18 bytes and `%zu` at most 20.
enum DriverMessages {
  /// `Failed to add blkio mem region %p with size %zu: %s`
  /// (`blkio_register_buf()`, after `blkio_map_mem_region()` failed).
  static func failedToAdd(host: UInt64, size: UInt64, detail: String) -> String {
    var detail = detail
    return detail.withUTF8 { detail in
      buffer("Failed to add blkio mem region ", host: host, size: size, then: ": ", detail)
    }
  }

  /// `cannot map buffer %p with size %zu: REASON`: `fixed`'s refusal of a
  /// buffer it cannot map (``DriverVariant/refusesUnmappableBuffers``,
  /// ``DriverVariant/respectsRegionLimit``).
  static func cannotMap(host: UInt64, size: UInt64, reason: String) -> String {
    var reason = reason
    return reason.withUTF8 { reason in
      buffer("cannot map buffer ", host: host, size: size, then: ": ", reason)
    }
  }

  /// `unaligned buf %p with size %zu` (`blkio_mem_region_from_host()`).
  static func unalignedBuffer(host: UInt64, size: UInt64) -> String {
    buffer("unaligned buf ", host: host, size: size, then: "")
  }

  /// `registered buffer at %p with size %zu extends beyond RAMBlock`
  /// (`blkio_mem_region_from_host()`).
  static func beyondRAMBlock(host: UInt64, size: UInt64) -> String {
    buffer("registered buffer at ", host: host, size: size, then: " extends beyond RAMBlock")
  }

  /// `prefix`, `%p` of `host`, ` with size `, `%zu` of `size`, `suffix`
  /// and `detail`.
  private static func buffer(
    _ prefix: StaticString, host: UInt64, size: UInt64, then suffix: StaticString,
    _ detail: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
  ) -> String {
    let withSize: StaticString = " with size "
    let room =
      prefix.utf8CodeUnitCount + 18 + withSize.utf8CodeUnitCount + 20
      + suffix.utf8CodeUnitCount + detail.count
    return String.formatted(atMost: room) { cursor in
      cursor.write(prefix)
      cursor.writePointer(host)
      cursor.write(withSize)
      cursor.writeDecimal(size)
      cursor.write(suffix)
      cursor.write(detail)
    }
  }
}
