import { fromFlag } from '../../db/connection.js';
import type { Person, Service, Staff, User } from '../../domain/organisation.js';
import type { EmploymentType, LegalStatus, ServiceType } from '../../domain/codes.js';
import type { Role } from '../../domain/roles.js';

// Presenters are allow-lists: each names every field that may leave the server.

interface ServiceRowIn {
  id: number; ref: string | null; name: string; type: string; region_id: number; capacity: number;
  registration_number: string | null; region_name: string; commissioners: { id: number; name: string }[];
}

export function presentService(r: ServiceRowIn): Service {
  return {
    id: r.id, ref: r.ref, name: r.name, type: r.type as ServiceType, regionId: r.region_id, regionName: r.region_name,
    capacity: r.capacity, registrationNumber: r.registration_number,
    commissioners: r.commissioners.map((c) => ({ id: c.id, name: c.name })),
  };
}

/** Board members and commissioners: the service's name and shape, nothing about people or staff. */
export function presentServiceSummary(r: ServiceRowIn) {
  return { id: r.id, name: r.name, type: r.type as ServiceType, regionName: r.region_name, capacity: r.capacity };
}

interface PersonRowIn {
  id: number; ref: string; display_name: string; service_id: number; service_name: string; learning_disability: number | boolean;
  autism: number | boolean; legal_status: string; start_date: string; end_date: string | null;
}

export function presentPerson(r: PersonRowIn): Person {
  return {
    id: r.id, ref: r.ref, displayName: r.display_name, serviceId: r.service_id, serviceName: r.service_name,
    learningDisability: fromFlag(r.learning_disability), autism: fromFlag(r.autism),
    legalStatus: r.legal_status as LegalStatus, startDate: r.start_date, endDate: r.end_date,
  };
}

interface StaffRowIn {
  id: number; ref: string | null; name: string; job_title: string; employment_type: string; active: number;
  services: { id: number; name: string }[];
}

export function presentStaff(r: StaffRowIn): Staff {
  return {
    id: r.id, ref: r.ref, name: r.name, jobTitle: r.job_title, employmentType: r.employment_type as EmploymentType,
    active: fromFlag(r.active), services: r.services.map((s) => ({ id: s.id, name: s.name })),
  };
}

interface UserRowIn {
  id: number; email: string; name: string; role: string; all_services: number; disabled: number; commissioner_id: number | null;
  last_sign_in_at: string | null; services: { id: number; name: string }[];
}

export function presentUser(r: UserRowIn): User {
  return {
    id: r.id, email: r.email, name: r.name, role: r.role as Role, allServices: fromFlag(r.all_services),
    disabled: fromFlag(r.disabled), commissionerId: r.commissioner_id, lastSignInAt: r.last_sign_in_at,
    services: r.services.map((s) => ({ id: s.id, name: s.name })),
  };
}
