package org.parkgate.controller; public final class ControllerMain { public static void main(String[] a) {} }
