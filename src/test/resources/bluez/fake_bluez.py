# A fake BlueZ (org.bluez) for python3-dbusmock: one adapter, heart-rate straps the test adds, GATT objects that appear
# after Connect, and notifications on 0x2A37 the test streams. It tests Limbic's D-Bus contract with TinyB only, not
# a radio. Test controls are methods on the org.bluez.Mock interface of '/':
#   AddStrap(address, name, rssi, manufacturer_id)   a strap advertising 0x180D appears (InterfacesAdded)
#   Stream(address, frame, interval_ms)               while notifying, emit `frame` as Value every interval
#   DropLink(address)                                 the link is lost: no more notifications, GATT objects vanish
#   SetBattery(address, percent)
import dbus
from gi.repository import GLib

from dbusmock import OBJECT_MANAGER_IFACE, mockobject

BUS_NAME = 'org.bluez'
MAIN_OBJ = '/'
SYSTEM_BUS = True
IS_OBJECT_MANAGER = True

MOCK_IFACE = 'org.bluez.Mock'
ADAPTER_IFACE = 'org.bluez.Adapter1'
DEVICE_IFACE = 'org.bluez.Device1'
SERVICE_IFACE = 'org.bluez.GattService1'
CHAR_IFACE = 'org.bluez.GattCharacteristic1'
ADAPTER = '/org/bluez/hci0'
HR_SERVICE = '0000180d-0000-1000-8000-00805f9b34fb'
HR_MEASUREMENT = '00002a37-0000-1000-8000-00805f9b34fb'
BODY_LOCATION = '00002a38-0000-1000-8000-00805f9b34fb'
BATTERY_SERVICE = '0000180f-0000-1000-8000-00805f9b34fb'
BATTERY_LEVEL = '00002a19-0000-1000-8000-00805f9b34fb'

straps = {}


def device_path(address):
    return ADAPTER + '/dev_' + address.replace(':', '_')


def manager():
    return mockobject.objects['/']


def changed(obj, iface, props):
    for key, value in props.items():
        obj.props[iface][key] = value
    obj.EmitSignal(dbus.PROPERTIES_IFACE, 'PropertiesChanged', 'sa{sv}as',
                   [iface, dbus.Dictionary(props, signature='sv'), dbus.Array([], signature='s')])


def add(path, iface, props, methods):
    manager().AddObject(path, iface, props, methods)
    manager().EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}',
                         [dbus.ObjectPath(path), {iface: mockobject.objects[path].props[iface]}])


def remove(path, iface):
    if path in mockobject.objects:
        manager().RemoveObject(path)
        manager().EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesRemoved', 'oas',
                             [dbus.ObjectPath(path), dbus.Array([iface], signature='s')])


def strap_of(obj_path):
    for address, strap in straps.items():
        if obj_path.startswith(device_path(address)):
            return address, strap
    raise dbus.exceptions.DBusException('no such device ' + obj_path, name='org.bluez.Error.DoesNotExist')


@dbus.service.method(ADAPTER_IFACE, in_signature='', out_signature='')
def StartDiscovery(adapter):
    changed(adapter, ADAPTER_IFACE, {'Discovering': dbus.Boolean(True, variant_level=1)})


@dbus.service.method(ADAPTER_IFACE, in_signature='', out_signature='')
def StopDiscovery(adapter):
    changed(adapter, ADAPTER_IFACE, {'Discovering': dbus.Boolean(False, variant_level=1)})


@dbus.service.method(ADAPTER_IFACE, in_signature='a{sv}', out_signature='')
def SetDiscoveryFilter(adapter, discovery_filter):
    pass


@dbus.service.method(ADAPTER_IFACE, in_signature='o', out_signature='')
def RemoveDevice(adapter, path):
    remove(path, DEVICE_IFACE)


def gatt_paths(address):
    base = device_path(address)
    return [(base + '/service000c', SERVICE_IFACE), (base + '/service000c/char000d', CHAR_IFACE),
            (base + '/service000c/char0010', CHAR_IFACE), (base + '/service0020', SERVICE_IFACE),
            (base + '/service0020/char0021', CHAR_IFACE)]


def characteristic(uuid, service, flags, value):
    return {
        'UUID': dbus.String(uuid, variant_level=1),
        'Service': dbus.ObjectPath(service, variant_level=1),
        'Value': dbus.Array([dbus.Byte(b) for b in value], signature='y', variant_level=1),
        'Notifying': dbus.Boolean(False, variant_level=1),
        'Flags': dbus.Array(flags, signature='s', variant_level=1),
    }


CHAR_METHODS = []


@dbus.service.method(DEVICE_IFACE, in_signature='', out_signature='')
def Connect(device):
    address = str(device.props[DEVICE_IFACE]['Address'])
    strap = straps[address]
    if strap['connected']:
        return
    strap['connected'] = True
    base = device.path
    changed(device, DEVICE_IFACE, {'Connected': dbus.Boolean(True, variant_level=1)})
    for service, uuid in ((base + '/service000c', HR_SERVICE), (base + '/service0020', BATTERY_SERVICE)):
        add(service, SERVICE_IFACE, {
            'UUID': dbus.String(uuid, variant_level=1),
            'Device': dbus.ObjectPath(base, variant_level=1),
            'Primary': dbus.Boolean(True, variant_level=1),
            'Characteristics': dbus.Array([], signature='o', variant_level=1),
        }, [])
    char_methods = [('ReadValue', 'a{sv}', 'ay', ReadValue), ('WriteValue', 'aya{sv}', '', ''),
                    ('StartNotify', '', '', StartNotify), ('StopNotify', '', '', StopNotify)]
    add(base + '/service000c/char000d', CHAR_IFACE,
        characteristic(HR_MEASUREMENT, base + '/service000c', ['notify'], []), char_methods)
    add(base + '/service000c/char0010', CHAR_IFACE,
        characteristic(BODY_LOCATION, base + '/service000c', ['read'], [strap['location']]), char_methods)
    add(base + '/service0020/char0021', CHAR_IFACE,
        characteristic(BATTERY_LEVEL, base + '/service0020', ['read', 'notify'], [strap['battery']]), char_methods)
    changed(device, DEVICE_IFACE, {'ServicesResolved': dbus.Boolean(True, variant_level=1)})


def lose_link(address):
    strap = straps[address]
    strap['connected'] = False
    strap['notifying'] = False
    device = mockobject.objects[device_path(address)]
    changed(device, DEVICE_IFACE, {'ServicesResolved': dbus.Boolean(False, variant_level=1),
                                   'Connected': dbus.Boolean(False, variant_level=1)})
    for path, iface in reversed(gatt_paths(address)):
        remove(path, iface)


@dbus.service.method(DEVICE_IFACE, in_signature='', out_signature='')
def Disconnect(device):
    address = str(device.props[DEVICE_IFACE]['Address'])
    if straps[address]['connected']:
        lose_link(address)


@dbus.service.method(CHAR_IFACE, in_signature='a{sv}', out_signature='ay')
def ReadValue(char, options):
    address, strap = strap_of(char.path)
    uuid = str(char.props[CHAR_IFACE]['UUID'])
    value = [strap['battery']] if uuid == BATTERY_LEVEL else [strap['location']] if uuid == BODY_LOCATION else []
    return dbus.Array([dbus.Byte(b) for b in value], signature='y')


@dbus.service.method(CHAR_IFACE, in_signature='', out_signature='')
def StartNotify(char):
    address, strap = strap_of(char.path)
    if str(char.props[CHAR_IFACE]['UUID']) == HR_MEASUREMENT:
        strap['notifying'] = True
        strap['char'] = char.path
    changed(char, CHAR_IFACE, {'Notifying': dbus.Boolean(True, variant_level=1)})


@dbus.service.method(CHAR_IFACE, in_signature='', out_signature='')
def StopNotify(char):
    address, strap = strap_of(char.path)
    if str(char.props[CHAR_IFACE]['UUID']) == HR_MEASUREMENT:
        strap['notifying'] = False
    changed(char, CHAR_IFACE, {'Notifying': dbus.Boolean(False, variant_level=1)})


def emit_frame(address):
    strap = straps.get(address)
    if strap is None or strap['frame'] is None:
        return False
    if strap['notifying'] and strap['char'] in mockobject.objects:
        char = mockobject.objects[strap['char']]
        changed(char, CHAR_IFACE, {'Value': dbus.Array([dbus.Byte(b) for b in strap['frame']], signature='y',
                                                        variant_level=1)})
    return True


def AddStrap(self, address, name, rssi, manufacturer_id):
    straps[str(address)] = {'connected': False, 'notifying': False, 'frame': None, 'char': None,
                            'battery': 87, 'location': 1, 'timer': None}
    add(device_path(address), DEVICE_IFACE, {
        'Address': dbus.String(address, variant_level=1),
        'Name': dbus.String(name, variant_level=1),
        'Alias': dbus.String(name, variant_level=1),
        'Adapter': dbus.ObjectPath(ADAPTER, variant_level=1),
        'Class': dbus.UInt32(0, variant_level=1),
        'Appearance': dbus.UInt16(0x0341, variant_level=1),
        'Icon': dbus.String('', variant_level=1),
        'Paired': dbus.Boolean(False, variant_level=1),
        'Trusted': dbus.Boolean(False, variant_level=1),
        'Blocked': dbus.Boolean(False, variant_level=1),
        'LegacyPairing': dbus.Boolean(False, variant_level=1),
        'RSSI': dbus.Int16(rssi, variant_level=1),
        'TxPower': dbus.Int16(0, variant_level=1),
        'Connected': dbus.Boolean(False, variant_level=1),
        'ServicesResolved': dbus.Boolean(False, variant_level=1),
        'UUIDs': dbus.Array([HR_SERVICE, BATTERY_SERVICE], signature='s', variant_level=1),
        'Modalias': dbus.String('', variant_level=1),
        'ManufacturerData': dbus.Dictionary(
            {dbus.UInt16(manufacturer_id): dbus.Array([dbus.Byte(0)], signature='y', variant_level=1)},
            signature='qv', variant_level=1),
        'ServiceData': dbus.Dictionary({}, signature='sv', variant_level=1),
    }, [('Connect', '', '', Connect), ('Disconnect', '', '', Disconnect),
        ('Pair', '', '', ''), ('CancelPairing', '', '', ''),
        ('ConnectProfile', 's', '', ''), ('DisconnectProfile', 's', '', '')])


def Stream(self, address, frame, interval_ms):
    strap = straps[str(address)]
    strap['frame'] = [int(b) for b in frame]
    if strap['timer'] is None:
        strap['timer'] = GLib.timeout_add(int(interval_ms), emit_frame, str(address))


def DropLink(self, address):
    lose_link(str(address))


def SetBattery(self, address, percent):
    straps[str(address)]['battery'] = int(percent)


def load(mock, parameters):
    mock.AddMethods(MOCK_IFACE, [
        ('AddStrap', 'ssni', '', AddStrap),
        ('Stream', 'sayu', '', Stream),
        ('DropLink', 's', '', DropLink),
        ('SetBattery', 'sy', '', SetBattery),
    ])
    mock.AddObject(ADAPTER, ADAPTER_IFACE, {
        'Address': dbus.String('00:1A:7D:DA:71:13', variant_level=1),
        'Name': dbus.String('limbic-test', variant_level=1),
        'Alias': dbus.String('limbic-test', variant_level=1),
        'Class': dbus.UInt32(0, variant_level=1),
        'Powered': dbus.Boolean(True, variant_level=1),
        'Discoverable': dbus.Boolean(False, variant_level=1),
        'DiscoverableTimeout': dbus.UInt32(180, variant_level=1),
        'Pairable': dbus.Boolean(True, variant_level=1),
        'PairableTimeout': dbus.UInt32(0, variant_level=1),
        'Discovering': dbus.Boolean(False, variant_level=1),
        'UUIDs': dbus.Array([], signature='s', variant_level=1),
        'Modalias': dbus.String('usb:v1D6Bp0246d0537', variant_level=1),
    }, [('StartDiscovery', '', '', StartDiscovery), ('StopDiscovery', '', '', StopDiscovery),
        ('SetDiscoveryFilter', 'a{sv}', '', SetDiscoveryFilter), ('RemoveDevice', 'o', '', RemoveDevice)])
    mock.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}',
                    [dbus.ObjectPath(ADAPTER), mockobject.objects[ADAPTER].props])
