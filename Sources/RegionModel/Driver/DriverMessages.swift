/// The messages of the seed's `blkio_register_buf()` path, formatted with
/// a cursor rather than interpolation (a large trace meets them by the
/// thousand). Each room is the longest the format can produce: `%p` at
/// most 18 bytes, `%zu` at most 20.
enum DriverMessages {
  /// `Failed to add blkio mem region %p with size %zu: %s`
  /// (`blkio_register_buf()`, after `blkio_map_mem_region()` failed).
  static func failedToAdd(host: UInt64, size: UInt64, detail: String) -> String {
    var detail = detail
    return detail.withUTF8 { detail in
      // 31 + 18 + 11 + 20 + 2 bytes and the detail.
      String.formatted(atMost: 82 + detail.count) { cursor in
        cursor.write("Failed to add blkio mem region ")
        cursor.writePointer(host)
        cursor.write(" with size ")
        cursor.writeDecimal(size)
        cursor.write(": ")
        cursor.write(detail)
      }
    }
  }

  /// `unaligned buf %p with size %zu` (`blkio_mem_region_from_host()`).
  static func unalignedBuffer(host: UInt64, size: UInt64) -> String {
    // 14 + 18 + 11 + 20 bytes.
    String.formatted(atMost: 63) { cursor in
      cursor.write("unaligned buf ")
      cursor.writePointer(host)
      cursor.write(" with size ")
      cursor.writeDecimal(size)
    }
  }

  /// `registered buffer at %p with size %zu extends beyond RAMBlock`
  /// (`blkio_mem_region_from_host()`).
  static func beyondRAMBlock(host: UInt64, size: UInt64) -> String {
    // 21 + 18 + 11 + 20 + 24 bytes.
    String.formatted(atMost: 94) { cursor in
      cursor.write("registered buffer at ")
      cursor.writePointer(host)
      cursor.write(" with size ")
      cursor.writeDecimal(size)
      cursor.write(" extends beyond RAMBlock")
    }
  }
}
