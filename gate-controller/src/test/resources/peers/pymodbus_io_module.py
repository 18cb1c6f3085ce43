"""A third-party Modbus RTU slave standing in for a barrier I/O module, built on Debian's
python3-pymodbus (3.0.x API). Written for the controller's integration tests.

usage: python3 pymodbus_io_module.py PORT UNIT[,UNIT...]

Serves 16 coils and 16 discrete inputs (addresses from 0) for each unit on PORT (a serial
device, e.g. one end of a socat pty pair) with RTU framing. Reads commands from stdin, one per
line:
    di UNIT ADDRESS 0|1     set a discrete input (a loop or limit switch changes)
and prints one line per event on stdout, flushed at once:
    ready                   the port is open and the server answers
    coil UNIT ADDRESS 0|1   a master wrote a coil
"""
import asyncio
import sys
import threading

from pymodbus.datastore import (
    ModbusSequentialDataBlock,
    ModbusServerContext,
    ModbusSlaveContext,
)
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server import StartAsyncSerialServer


def say(line):
    print(line, flush=True)


class Coils(ModbusSequentialDataBlock):
    """Coils that report every write, so the test sees what the master commanded."""

    def __init__(self, unit):
        super().__init__(0, [0] * 16)
        self.unit = unit

    def setValues(self, address, values):  # pylint: disable=invalid-name
        super().setValues(address, values)
        for i, v in enumerate(values if isinstance(values, list) else [values]):
            say(f"coil {self.unit} {address + i} {1 if v else 0}")


def commands(slaves):
    for line in sys.stdin:
        parts = line.split()
        if len(parts) == 4 and parts[0] == "di":
            unit, address, value = int(parts[1]), int(parts[2]), int(parts[3])
            slaves[unit].store["d"].setValues(address, [bool(value)])
        elif parts:
            say(f"error unknown command {line.strip()!r}")


async def main(port, units):
    slaves = {
        u: ModbusSlaveContext(
            di=ModbusSequentialDataBlock(0, [0] * 16),
            co=Coils(u),
            zero_mode=True,
        )
        for u in units
    }
    context = ModbusServerContext(slaves=slaves, single=False)
    threading.Thread(target=commands, args=(slaves,), daemon=True).start()
    server = await StartAsyncSerialServer(
        context=context,
        framer=ModbusRtuFramer,
        port=port,
        baudrate=9600,
        defer_start=True,
        ignore_missing_slaves=True,
    )
    await server.start()
    say("ready")
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], [int(u) for u in sys.argv[2].split(",")]))
