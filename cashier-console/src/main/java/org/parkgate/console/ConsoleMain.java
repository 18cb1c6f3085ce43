package org.parkgate.console; public final class ConsoleMain { public static void main(String[] a) {} }
