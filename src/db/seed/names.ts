// Realistic UK place, service and first names for the demo organisation. People are shown by
// first name and initial only, with a pseudonymous reference: demo data holds no real person.

export const regionNames = [
  'West Yorkshire', 'Greater Manchester', 'Merseyside', 'North East', 'East Midlands', 'West Midlands',
  'South Yorkshire', 'Lancashire', 'Cumbria', 'North Yorkshire', 'East of England', 'London North',
  'London South', 'Kent and Medway', 'Sussex', 'Hampshire', 'Thames Valley', 'Bristol and Somerset',
  'Devon and Cornwall', 'Dorset and Wiltshire', 'Birmingham and Solihull', 'Staffordshire', 'Lincolnshire',
  'Norfolk and Suffolk',
] as const;

export const towns = [
  'Leeds', 'Bradford', 'Wakefield', 'Halifax', 'Huddersfield', 'Manchester', 'Salford', 'Stockport', 'Bolton',
  'Wigan', 'Liverpool', 'Birkenhead', 'St Helens', 'Newcastle', 'Gateshead', 'Sunderland', 'Durham', 'Nottingham',
  'Derby', 'Leicester', 'Lincoln', 'Birmingham', 'Coventry', 'Wolverhampton', 'Stoke-on-Trent', 'Sheffield',
  'Rotherham', 'Doncaster', 'Barnsley', 'Preston', 'Blackburn', 'Lancaster', 'Carlisle', 'Kendal', 'York',
  'Harrogate', 'Scarborough', 'Norwich', 'Ipswich', 'Cambridge', 'Peterborough', 'Enfield', 'Barnet', 'Croydon',
  'Lewisham', 'Maidstone', 'Canterbury', 'Brighton', 'Worthing', 'Southampton', 'Portsmouth', 'Reading', 'Oxford',
  'Bristol', 'Bath', 'Taunton', 'Exeter', 'Plymouth', 'Truro', 'Bournemouth', 'Salisbury', 'Swindon',
] as const;

export const serviceStems = [
  'Birch', 'Rowan', 'Oak', 'Willow', 'Hawthorn', 'Elm', 'Ash', 'Beech', 'Cedar', 'Maple', 'Holly', 'Heather',
  'Larch', 'Hazel', 'Alder', 'Juniper', 'Linden', 'Aspen', 'Poplar', 'Chestnut', 'Laurel', 'Meadow', 'Brook',
  'Riverside', 'Valley', 'Fern', 'Primrose', 'Bluebell', 'Clover', 'Foxglove', 'Harbour', 'Orchard', 'Kingfisher',
  'Heron', 'Skylark', 'Wren', 'Swallow', 'Moorland', 'Highfield', 'Greenacres',
] as const;

export const serviceSuffixes: Record<string, readonly string[]> = {
  supported_living: ['House', 'Court', 'Road', 'Mews', 'Close', 'Gardens', 'Place'],
  residential_care_home: ['House', 'Lodge', 'Grange', 'Hall', 'Manor'],
  hospital_unit: ['Unit', 'Ward', 'Assessment and Treatment Unit'],
  day_service: ['Centre', 'Hub', 'Day Opportunities'],
};

export const firstNames = [
  'Amira', 'Ben', 'Callum', 'Chloe', 'Daniel', 'Ella', 'Faisal', 'Grace', 'Harry', 'Imran', 'Jade', 'Jack', 'Kieran',
  'Leah', 'Liam', 'Maya', 'Mohammed', 'Niamh', 'Oliver', 'Priya', 'Rhys', 'Ruby', 'Sam', 'Sophie', 'Tariq', 'Tom',
  'Una', 'Vikram', 'Will', 'Yasmin', 'Zara', 'Aaron', 'Bethany', 'Connor', 'Demi', 'Ethan', 'Fatima', 'George',
  'Hannah', 'Isaac', 'Jessica', 'Kai', 'Lucy', 'Marcus', 'Nadia', 'Owen', 'Poppy', 'Reece', 'Sian', 'Toby',
  'Aisha', 'Bilal', 'Carys', 'Dylan', 'Erin', 'Finley', 'Gemma', 'Hamza', 'Isla', 'Jamal', 'Keira', 'Lewis',
  'Megan', 'Nathan', 'Olivia', 'Patrick', 'Rosie', 'Stephen', 'Tia', 'Zain',
] as const;

export const surnames = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Khan', 'Hughes',
  'Ahmed', 'Lewis', 'Edwards', 'Hussain', 'Turner', 'Hill', 'Moore', 'Cooper', 'Ward', 'Morris', 'King', 'Begum',
  'Baker', 'Harrison', 'Morgan', 'Kaur', 'Singh', 'Murphy', 'Kelly', "O'Brien", 'Campbell', 'Okafor', 'Mensah',
  'Nowak', 'Kowalski', 'Ali', 'Shah',
] as const;

export const jobTitles = {
  permanent: ['Support worker', 'Senior support worker', 'Team leader', 'Deputy manager', 'Healthcare assistant', 'Nurse'],
  bank: ['Support worker (bank)', 'Healthcare assistant (bank)'],
  agency: ['Agency support worker', 'Agency healthcare assistant'],
} as const;

export const commissionerNames = [
  'Leeds City Council', 'Bradford Council', 'Manchester City Council', 'Salford City Council', 'Liverpool City Council',
  'Newcastle City Council', 'Nottingham City Council', 'Birmingham City Council', 'Sheffield City Council',
  'Lancashire County Council', 'Norfolk County Council', 'Kent County Council', 'Hampshire County Council',
  'Bristol City Council', 'Devon County Council', 'West Yorkshire ICB', 'Greater Manchester ICB',
  'Cheshire and Merseyside ICB', 'North East and North Cumbria ICB', 'NHS England Specialised Commissioning',
] as const;
