package org.parkgate.simulator; public final class SimulatorMain { public static void main(String[] a) {} }
