/**
 * Illinois expressway ALPR camera sites for the simulator: real interchanges, their approximate
 * coordinates (WGS84), and the direction of travel the camera faces.
 */
export interface CameraSite {
  id: string;
  name: string;
  lat: number;
  lon: number;
  heading: number;
}

export const CAMERA_SITES: readonly CameraSite[] = [
  { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', lat: 41.8309, lon: -87.6307, heading: 0 },
  { id: 'isp-i94-0130', name: 'I-94 SB @ 130th St (Bishop Ford)', lat: 41.6590, lon: -87.5960, heading: 180 },
  { id: 'isp-i94-edtu', name: 'I-94 NB @ Touhy Ave (Edens)', lat: 42.0118, lon: -87.7366, heading: 340 },
  { id: 'isp-i94-gurn', name: 'I-94 SB @ Grand Ave (Gurnee)', lat: 42.3700, lon: -87.9330, heading: 180 },
  { id: 'isp-i90-addi', name: 'I-90/94 EB @ Addison St (Kennedy)', lat: 41.9466, lon: -87.7195, heading: 135 },
  { id: 'isp-i90-cumb', name: 'I-90 WB @ Cumberland Ave', lat: 41.9750, lon: -87.8370, heading: 290 },
  { id: 'isp-i90-elgn', name: 'I-90 WB @ IL-31 (Elgin)', lat: 42.0680, lon: -88.2950, heading: 270 },
  { id: 'isp-i90-rkfd', name: 'I-90 NB @ US-20 (Rockford)', lat: 42.2410, lon: -88.9740, heading: 0 },
  { id: 'isp-i55-lsd', name: 'I-55 WB @ Lake Shore Dr', lat: 41.8520, lon: -87.6170, heading: 250 },
  { id: 'isp-i55-pula', name: 'I-55 SB @ Pulaski Rd (Stevenson)', lat: 41.8136, lon: -87.7242, heading: 225 },
  { id: 'isp-i55-jol', name: 'I-55 SB @ Jefferson St (Joliet)', lat: 41.5271, lon: -88.1764, heading: 200 },
  { id: 'isp-i55-spfd', name: 'I-55 NB @ Clear Lake Ave (Springfield)', lat: 39.8087, lon: -89.5928, heading: 20 },
  { id: 'isp-i55-coll', name: 'I-55/70 EB @ IL-157 (Collinsville)', lat: 38.6740, lon: -89.9760, heading: 80 },
  { id: 'isp-i57-127', name: 'I-57 SB @ 127th St', lat: 41.6620, lon: -87.6860, heading: 190 },
  { id: 'isp-i57-kank', name: 'I-57 NB @ IL-17 (Kankakee)', lat: 41.1200, lon: -87.9000, heading: 0 },
  { id: 'isp-i57-cu', name: 'I-57 SB @ I-74 (Champaign)', lat: 40.1350, lon: -88.2900, heading: 180 },
  { id: 'isp-i57-effi', name: 'I-57 NB @ I-70 (Effingham)', lat: 39.1300, lon: -88.5600, heading: 0 },
  { id: 'isp-i57-mtv', name: 'I-57 SB @ I-64 (Mt. Vernon)', lat: 38.3170, lon: -88.9400, heading: 180 },
  { id: 'isp-i64-ofal', name: "I-64 EB @ US-50 (O'Fallon)", lat: 38.5960, lon: -89.9130, heading: 90 },
  { id: 'isp-i70-vand', name: 'I-70 WB @ US-51 (Vandalia)', lat: 38.9700, lon: -89.1000, heading: 270 },
  { id: 'isp-i74-peor', name: 'I-74 WB @ Murray Baker Bridge (Peoria)', lat: 40.6900, lon: -89.5860, heading: 270 },
  { id: 'isp-i74-bloo', name: 'I-74 EB @ I-55 (Bloomington)', lat: 40.4940, lon: -89.0810, heading: 90 },
  { id: 'isp-i74-danv', name: 'I-74 EB @ IL-1 (Danville)', lat: 40.1470, lon: -87.6300, heading: 90 },
  { id: 'isp-i74-gale', name: 'I-74 NB @ US-150 (Galesburg)', lat: 40.9650, lon: -90.3370, heading: 340 },
  { id: 'isp-i80-lark', name: 'I-80 WB @ Larkin Ave (Joliet)', lat: 41.5060, lon: -88.1210, heading: 270 },
  { id: 'isp-i80-lasl', name: 'I-80 EB @ I-39 (LaSalle)', lat: 41.3400, lon: -89.0700, heading: 90 },
  { id: 'isp-i88-il59', name: 'I-88 EB @ IL-59 (Naperville)', lat: 41.7957, lon: -88.2011, heading: 80 },
  { id: 'isp-i88-i355', name: 'I-88 WB @ I-355', lat: 41.8290, lon: -88.0350, heading: 270 },
  { id: 'isp-i294-balm', name: 'I-294 SB @ Balmoral Ave (O\u2019Hare)', lat: 41.9787, lon: -87.8935, heading: 180 },
  { id: 'isp-i294-cerm', name: 'I-294 NB @ Cermak Rd', lat: 41.8497, lon: -87.9115, heading: 0 },
  { id: 'isp-i294-95th', name: 'I-294 SB @ 95th St', lat: 41.7206, lon: -87.8535, heading: 180 },
  { id: 'isp-i355-army', name: 'I-355 NB @ Army Trail Rd', lat: 41.9350, lon: -88.0450, heading: 0 },
  { id: 'isp-i355-i55', name: 'I-355 SB @ I-55 (Bolingbrook)', lat: 41.7350, lon: -88.0340, heading: 180 },
  { id: 'isp-i290-aust', name: 'I-290 EB @ Austin Blvd (Eisenhower)', lat: 41.8737, lon: -87.7745, heading: 90 },
];
